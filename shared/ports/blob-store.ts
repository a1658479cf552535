/** Object storage for evidence and generated documents (S3 in AWS, s3rver locally). */
export interface PresignedUpload {
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: string;
}

export interface UploadConstraints {
  readonly key: string;
  readonly contentType: string;
  readonly maxBytes: number;
  readonly expiresInSeconds: number;
}

export interface BlobStore {
  /** A browser POST policy that only accepts this exact key, content type and size range. */
  presignUpload(constraints: UploadConstraints): Promise<PresignedUpload>;
  /** A short-lived GET link to an object. */
  presignDownload(key: string, expiresInSeconds: number, fileName?: string): Promise<string>;
  /** Streams an object; undefined when it does not exist. */
  read(key: string): Promise<{ body: AsyncIterable<Uint8Array>; bytes: number; contentType?: string } | undefined>;
  copy(fromKey: string, toKey: string): Promise<void>;
  remove(key: string): Promise<void>;
  write(key: string, body: Uint8Array, contentType: string): Promise<void>;
}
