import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './file-name';
import { createUploadInspector } from './inspect-upload';
import { allowedExtensionOf } from './sniff-type';
import { acceptedFiles, refusedFiles, type CorpusFile } from './upload-corpus';

/** Streams `bytes` through the inspector in chunks of `size`: what came out, or the refusal. */
async function inspect(file: CorpusFile, size: number): Promise<{ out?: Buffer; refusal?: string }> {
  const name = sanitizeFileName(file.name) || 'unnamed file';
  const ext = allowedExtensionOf(name);
  if (!ext) return { refusal: `“${name}” can’t be attached: its extension is not one of …` };
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.bytes.length; at += size) chunks.push(file.bytes.subarray(at, at + size));
  const inspector = createUploadInspector(name, ext);
  const out: Buffer[] = [];
  try {
    for await (const chunk of Readable.from(chunks, { objectMode: false }).pipe(inspector)) out.push(chunk as Buffer);
    return { out: Buffer.concat(out) };
  } catch (error) {
    return { refusal: (error as Error).message };
  }
}

const chunkSizes = (file: CorpusFile) =>
  file.bytes.length <= 64 * 1024 ? [1, 7, 4096, 1 << 30] : [4096, 65536, 1 << 30];

describe('R6: the upload corpus, streamed through the inspector in chunks of every size', () => {
  it.each(refusedFiles.map((file) => [file.label, file] as const))(
    'R6: %s is refused, naming the rule',
    async (_label, file) => {
      for (const size of chunkSizes(file)) {
        const result = await inspect(file, size);
        expect(result.refusal, `chunks of ${size}`).toContain(file.refusal as string);
      }
    },
  );

  it.each(acceptedFiles.map((file) => [file.label, file] as const))(
    'R6: %s passes byte for byte',
    async (_label, file) => {
      for (const size of chunkSizes(file)) {
        const result = await inspect(file, size);
        expect(result.refusal, `chunks of ${size}`).toBeUndefined();
        expect(result.out?.equals(file.bytes)).toBe(true);
      }
    },
  );
});
