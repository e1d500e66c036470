// Baseline 2: bare POST → one durable insert → `ws` push of message.created to the recipient.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import { openInserter } from './store.ts';

const inserter = await openInserter();
const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });
const sockets = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true });
app.server.on('upgrade', (request, socket, head) => {
  const user = new URL(request.url ?? '/', 'http://x').searchParams.get('user') ?? '';
  wss.handleUpgrade(request, socket, head, (ws) => {
    const set = sockets.get(user) ?? new Set<WebSocket>();
    set.add(ws);
    sockets.set(user, set);
    ws.on('close', () => set.delete(ws));
  });
});
app.get('/health', async () => ({ ok: true }));
app.post<{ Params: { id: string }; Body: { body: string; to: string } }>(
  '/threads/:id/messages',
  async (request, reply) => {
    const id = randomUUID();
    await inserter.insert(id, request.params.id, request.body.body);
    const event = JSON.stringify({ type: 'message.created', threadId: request.params.id, messageId: id });
    for (const ws of sockets.get(request.body.to) ?? []) ws.send(event);
    return reply.status(201).send({ message: { id } });
  },
);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
