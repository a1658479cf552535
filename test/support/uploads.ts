/** Browser-style presigned POST uploads and small sample files for tests. */
import { PDFDocument } from 'pdf-lib';

/** A valid PDF with `pages` pages. */
export async function samplePdf(pages = 1): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let page = 0; page < pages; page += 1) pdf.addPage([595, 842]).drawText(`page ${page + 1}`);
  return pdf.save();
}

/** The 8-byte PNG signature plus a minimal IHDR…IEND image. */
export const samplePng = Uint8Array.from(
  Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
    'hex',
  ),
);

/**
 * POSTs `bytes` as a browser would with the upload the API returned; `fields` overrides or
 * adds form fields (to play an attacker), `fileType` is the file part's type.
 */
export async function postUpload(
  upload: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  options: { fields?: Record<string, string>; fileType?: string } = {},
): Promise<{ status: number; text: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...options.fields })) form.append(name, value);
  form.append('file', new Blob([bytes], { type: options.fileType ?? upload.fields['Content-Type'] ?? 'application/octet-stream' }), 'upload.bin');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, text: await response.text() };
}
