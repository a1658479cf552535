/** The {@link BlobStore} on an S3 bucket. */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { Clock } from '#shared/ports/clock.js';
import type { BlobStore, PresignedUpload, UploadConstraints } from '#shared/ports/blob-store.js';

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly clock: Clock,
  ) {}

  async presignUpload(constraints: UploadConstraints): Promise<PresignedUpload> {
    // The SDK signs POST policies at `Date.now() + systemClockOffset`, read before its first
    // await: align it with our clock for this call only, so that the client's other calls stay
    // dated on the machine clock the service checks them against.
    const offset = this.client.config.systemClockOffset;
    this.client.config.systemClockOffset = this.clock.now().getTime() - Date.now();
    const presigning = createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: constraints.key,
      Conditions: [
        ['eq', '$key', constraints.key],
        ['eq', '$Content-Type', constraints.contentType],
        ['content-length-range', 1, constraints.maxBytes],
      ],
      Fields: { 'Content-Type': constraints.contentType },
      Expires: constraints.expiresInSeconds,
    });
    this.client.config.systemClockOffset = offset;
    const { url, fields } = await presigning;
    const expiresAt = new Date(this.clock.now().getTime() + constraints.expiresInSeconds * 1000).toISOString();
    return { url, fields, expiresAt };
  }

  presignDownload(key: string, expiresInSeconds: number, fileName?: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(fileName ? { ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` } : {}),
      }),
      { expiresIn: expiresInSeconds, signingDate: this.clock.now() },
    );
  }

  async read(key: string): ReturnType<BlobStore['read']> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        body: result.Body as Readable,
        bytes: result.ContentLength ?? 0,
        ...(result.ContentType ? { contentType: result.ContentType } : {}),
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}` }),
    );
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async write(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }
}
