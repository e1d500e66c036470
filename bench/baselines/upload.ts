// Baseline 4: bare multipart upload → AES-256-GCM stream → file, fsync'd, then renamed.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import Fastify from 'fastify';

const dir = join(process.env.DATA_DIR ?? '.', 'bare-blobs');
await mkdir(dir, { recursive: true });
const key = randomBytes(32);
const app = Fastify();
await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 10 } });
app.get('/health', async () => ({ ok: true }));
app.post('/attachments', async (request, reply) => {
  const saved: { id: string; size: number }[] = [];
  for await (const part of request.files()) {
    const id = randomUUID();
    const path = join(dir, id);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`attachments.blob:${id}`));
    const out = createWriteStream(`${path}.partial`);
    out.write(iv);
    let size = 0;
    part.file.on('data', (chunk: Buffer) => (size += chunk.length));
    await pipeline(part.file, cipher, out);
    const handle = await open(`${path}.partial`, 'a');
    await handle.write(cipher.getAuthTag());
    await handle.sync();
    await handle.close();
    await rename(`${path}.partial`, path);
    saved.push({ id, size });
  }
  return reply.status(201).send({ attachments: saved });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
