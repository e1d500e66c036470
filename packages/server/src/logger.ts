import { pino, type Logger } from 'pino';

/**
 * The application log. Privacy: requests are logged as method, route pattern and status only —
 * never bodies, query strings, headers or cookies — and known secret fields are redacted
 * should anything pass them in by mistake. Logs go to standard error: a command's standard
 * output is its result alone (SPEC §4).
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'password',
          'totp',
          'token',
          'body',
          'subject',
          'content',
          'name',
          'email',
          'fileName',
          '*.password',
          '*.body',
          '*.subject',
          '*.content',
          '*.name',
          '*.email',
          '*.fileName',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
