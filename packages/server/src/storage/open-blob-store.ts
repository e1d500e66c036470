import type { Config } from '../config';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';

/** The blob store named by BLOB_STORE; the S3 SDK is loaded only when S3 is configured. */
export async function openBlobStore(config: Config['blobStore']): Promise<BlobStore> {
  if (config.kind === 'local') return new LocalBlobStore(config.dir);
  const { S3BlobStore } = await import('./s3-blob-store');
  return new S3BlobStore(config);
}
