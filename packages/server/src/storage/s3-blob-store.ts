import type { Readable } from 'node:stream';
import type { Config } from '../config';
import type { BlobStore } from './blob-store';

/** Blobs in an S3-compatible bucket. */
export class S3BlobStore implements BlobStore {
  constructor(private readonly config: Extract<Config['blobStore'], { kind: 's3' }>) {}
  put(_key: string, _body: Readable): Promise<void> {
    throw new Error(`S3 store for ${this.config.bucket} not built yet`);
  }
  get(_key: string): Promise<Readable> {
    throw new Error('not built yet');
  }
  delete(_key: string): Promise<void> {
    throw new Error('not built yet');
  }
  async *list(): AsyncIterable<string> {}
}
