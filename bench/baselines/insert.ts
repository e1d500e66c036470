// Baseline 1: a bare Fastify route that parses the same JSON body and does one durable insert.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { openInserter } from './store.ts';

const inserter = await openInserter();
const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });
app.get('/health', async () => ({ ok: true }));
app.post<{ Params: { id: string }; Body: { body: string } }>('/threads/:id/messages', async (request, reply) => {
  const id = randomUUID();
  await inserter.insert(id, request.params.id, request.body.body);
  return reply.status(201).send({ message: { id } });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
