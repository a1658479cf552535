/**
 * Sends a file straight to the evidence bucket with the presigned POST the API gave
 * (`upload.url` + `upload.fields`, multipart, the file last), reporting progress; XMLHttpRequest
 * because fetch reports no upload progress.
 */

/** A presigned POST (`POST /api/applications/{id}/evidence` → `upload`). */
export interface PresignedPost {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** The outcome of an upload: stored, or refused by the bucket (status 0: the network failed). */
export type UploadOutcome = { readonly ok: true } | { readonly ok: false; readonly status: number };

/**
 * Uploads `file` as `contentType` (the type the policy was signed for); `onProgress` gets the
 * percentage sent so far.
 */
export function postToBucket(upload: PresignedPost, file: Blob, fileName: string, contentType: string, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  const body = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
  body.append('file', new File([file], fileName, { type: contentType }));
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(100, Math.round((event.loaded * 100) / event.total)));
    });
    request.addEventListener('load', () => resolve(request.status >= 200 && request.status < 300 ? { ok: true } : { ok: false, status: request.status }));
    request.addEventListener('error', () => resolve({ ok: false, status: 0 }));
    request.addEventListener('abort', () => resolve({ ok: false, status: 0 }));
    request.send(body);
  });
}
