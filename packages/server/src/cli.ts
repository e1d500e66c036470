import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportAuditCsv } from './audit/audit-export';
import { threadChangesSince } from './audit/thread-changes';
import { verifyAndCheckpoint } from './audit/verify-and-checkpoint';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { KEY_CACHE_MS } from './crypto/keyring';
import { rotateKeys } from './crypto/rotate';
import { ensureDemo } from './demo';
import { readMailbox } from './email/mailbox';
import { AppError } from './errors';
import { openServices, startServer } from './main';
import { PracticeFixture } from './modules/practices/fixture';
import { seedPractice } from './modules/practices/seed-practice';

const usage = `confide — secure messaging for behavioral-health practices

  confide serve                    migrate, then serve the API and web app (PORT, default 3000)
  confide migrate                  bring the database schema up to date
  confide seed --file practice.json
                                   create a practice from a fixture; prints {"practiceId","ids"}
  confide demo                     create the demo practice (once) and print its sign-ins
  confide keys rotate [--reencrypt] [--offline]
                                   new data key per practice (MASTER_KEY_PREVIOUS re-wraps);
                                   waits about a minute for running servers unless --offline
  confide audit verify [--checkpoints FILE]... [--thread ID --since SEQ]
                                   check every practice's audit hash chain against its signed
                                   checkpoints (the database, DATA_DIR's checkpoint file and
                                   other nodes' files given); exit 1 when tampered with.
                                   With --thread and --since (an export's chain position):
                                   also whether that thread changed since; exit 1 if it did
  confide audit export [--practice slug]
                                   the audit log as CSV on standard output
  confide mail [--to ADDRESS]      the local mailbox (no SMTP_URL) as JSON: {"emails":[…]},
                                   every practice's, oldest first

Configuration: DATA_DIR, DATABASE_URL, BLOB_STORE, MASTER_KEY / MASTER_KEY_FILE, SMTP_URL,
PUBLIC_URL, PORT, HOST (see README.md).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      practice: { type: 'string' },
      to: { type: 'string' },
      checkpoints: { type: 'string', multiple: true, default: [] },
      thread: { type: 'string' },
      since: { type: 'string' },
      reencrypt: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  // A notice is for the person at the terminal; standard output carries the command's result alone.
  const notice = (message: string) => process.stderr.write(`confide: ${message}\n`);

  if (command === 'mail') {
    if (config.smtpUrl) notice('SMTP_URL is set: new emails go to the SMTP server, not to this mailbox.');
    const emails = await readMailbox(config.dataDir, { to: values.to });
    process.stdout.write(`${JSON.stringify({ emails })}\n`);
    return 0;
  }

  if (command === 'serve') {
    const server = await startServer(config, systemClock, { notice });
    process.stdout.write(`Confide is listening on ${server.url} (public address ${config.publicUrl})\n`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
    return -1;
  }

  const services = await openServices(config, systemClock, { notice });
  const { ctx } = services;
  try {
    switch (`${command}${sub ? ` ${sub}` : ''}`) {
      case 'migrate':
        process.stdout.write('The database schema is up to date.\n');
        return 0;
      case 'seed': {
        if (!values.file) throw new UsageError('seed needs --file practice.json');
        const parsed = PracticeFixture.safeParse(JSON.parse(readFileSync(values.file, 'utf8')));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new UsageError(`the fixture is not valid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
        }
        const result = await seedPractice(ctx, parsed.data);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return 0;
      }
      case 'demo': {
        const { created, lines } = await ensureDemo(ctx);
        process.stdout.write(`${created ? 'Created' : 'Using'} the demo practice.\n${lines.join('\n')}\n`);
        return 0;
      }
      case 'keys rotate': {
        const report = await rotateKeys(ctx, {
          reencrypt: values.reencrypt,
          previousMaster: ctx.config.previousMasterKey ?? undefined,
          waitForPropagation: async () => {
            if (values.offline) return;
            const seconds = Math.ceil((KEY_CACHE_MS + 5000) / 1000);
            process.stderr.write(`New keys staged; waiting ${seconds} s until every running server has loaded them…\n`);
            await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
          },
        });
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return 0;
      }
      case 'audit verify': {
        if (Boolean(values.thread) !== Boolean(values.since) || (values.since && !/^\d+$/.test(values.since))) {
          throw new UsageError('--thread and --since go together; --since is the chain position an export states');
        }
        const result = await verifyAndCheckpoint(ctx, values.checkpoints);
        if (!values.thread) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return result.ok ? 0 : 1;
        }
        const thread = await threadChangesSince(ctx.db, values.thread, Number(values.since));
        process.stdout.write(`${JSON.stringify({ ...result, thread }, null, 2)}\n`);
        return result.ok && thread.unchanged ? 0 : 1;
      }
      case 'audit export':
        await exportAuditCsv(ctx.db, values.practice ?? null, process.stdout);
        return 0;
      default:
        throw new UsageError(`unknown command "${positionals.join(' ')}"`);
    }
  } finally {
    await services.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof AppError) {
      process.stderr.write(`confide: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`confide: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
