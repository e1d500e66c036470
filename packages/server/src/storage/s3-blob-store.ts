import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import type { Config } from '../config';
import { BlobNotFoundError, type BlobStore } from './blob-store';

/** S3's smallest part (except the last); also the most this store holds in memory per upload. */
const PART_BYTES = 5 * 1024 * 1024;
const KEY = /^[a-z0-9-]{8,80}$/;

/**
 * Blobs in an S3-compatible bucket (AWS, MinIO, Ceph…). Credentials come from the usual AWS_*
 * environment / profile chain. A blob is uploaded as it streams in: one PutObject when it fits
 * in a part, otherwise a multipart upload of 5 MiB parts, aborted if the stream fails — so
 * memory per upload stays at one part and nothing half-written becomes visible.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: Extract<Config['blobStore'], { kind: 's3' }>) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
      // Checksums only where S3 requires them: S3-compatible stores vary in what they accept.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable): Promise<void> {
    checkKey(key);
    let uploadId: string | null = null;
    const parts: CompletedPart[] = [];
    try {
      for await (const part of partsOf(body)) {
        if (part.isLast && uploadId === null) {
          await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: part.bytes }));
          return;
        }
        uploadId ??= await this.startUpload(key);
        const partNumber = parts.length + 1;
        const { ETag } = await this.client.send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: partNumber,
            Body: part.bytes,
          }),
        );
        parts.push({ ETag, PartNumber: partNumber });
      }
      if (uploadId === null) throw new Error('blob stream produced no parts');
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      if (uploadId !== null) {
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    checkKey(key);
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return result.Body as Readable;
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key && KEY.test(object.Key)) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async removeUnfinished(before: Date): Promise<number> {
    let removed = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListMultipartUploadsCommand({ Bucket: this.bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
      );
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !KEY.test(upload.Key)) continue;
        if (!upload.Initiated || upload.Initiated >= before) continue;
        await this.client.send(
          new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }),
        );
        removed += 1;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return removed;
  }

  /** Lets go of the HTTP connections. */
  close(): void {
    this.client.destroy();
  }

  private async startUpload(key: string): Promise<string> {
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }));
    if (!UploadId) throw new Error('the store did not start a multipart upload');
    return UploadId;
  }
}

function checkKey(key: string): void {
  // Keys are server-generated; this keeps any other string from naming an object.
  if (!KEY.test(key)) throw new Error('invalid blob key');
}

/**
 * Cuts a stream into PART_BYTES pieces as they fill, then whatever is left as the last piece
 * (only if something is left, or if nothing came at all). Holds at most one part plus one chunk.
 */
async function* partsOf(body: Readable): AsyncGenerator<{ bytes: Buffer; isLast: boolean }> {
  let chunks: Buffer[] = [];
  let size = 0;
  let hasYielded = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    while (size >= PART_BYTES) {
      const all = Buffer.concat(chunks);
      yield { bytes: all.subarray(0, PART_BYTES), isLast: false };
      hasYielded = true;
      chunks = [all.subarray(PART_BYTES)];
      size -= PART_BYTES;
    }
  }
  if (size > 0 || !hasYielded) yield { bytes: Buffer.concat(chunks), isLast: true };
}
