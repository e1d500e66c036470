import { SMTPServer } from 'smtp-server';
import { freePort } from './pg-cluster';

/** One email as the test SMTP server received it. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
  /** Headers and body with quoted-printable soft breaks and escapes undone, for searching. */
  decoded: string;
}

/**
 * A real SMTP server for tests (smtp-server, plain text, no auth). `stop()`/`start()` simulate
 * an outage on the same port; `rejecting = true` answers every recipient with a 451.
 */
export class TestSmtp {
  readonly received: ReceivedEmail[] = [];
  rejecting = false;
  /** How long to hold the answer to the n-th email (1-based) once its data arrived; none by default. */
  delayFor: ((n: number) => number) | null = null;
  /** Emails whose data arrived and whose answer is still held: in flight for the sender. */
  pending = 0;
  /** When the last answer went out (ms). */
  lastAnsweredAt = 0;
  private server: SMTPServer | null = null;

  private constructor(readonly port: number) {}

  /** Starts a server on a free loopback port. */
  static async start(): Promise<TestSmtp> {
    const smtp = new TestSmtp(await freePort());
    await smtp.start();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Emails received for one address. */
  to(address: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase()));
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (!this.rejecting) return callback();
        callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mailFrom = session.envelope.mailFrom;
          this.received.push({
            from: mailFrom ? mailFrom.address : '',
            to: session.envelope.rcptTo.map((a) => a.address),
            raw,
            decoded: decodeQuotedPrintable(raw),
          });
          const delay = this.delayFor?.(this.received.length) ?? 0;
          if (delay === 0) {
            this.lastAnsweredAt = Date.now();
            return callback();
          }
          this.pending += 1;
          setTimeout(() => {
            this.pending -= 1;
            this.lastAnsweredAt = Date.now();
            callback();
          }, delay);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Polls until `check` returns a truthy value or the time runs out (then throws with `what`). */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
): Promise<Exclude<NonNullable<T>, false | '' | 0>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<NonNullable<T>, false | '' | 0>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits a little, for tests asserting that something does NOT happen (a second email, an event). */
export function settle(ms = 1_500): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
