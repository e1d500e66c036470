import { pino, type Logger } from 'pino';

/**
 * The application log. Privacy: requests are logged as method, route pattern and status only —
 * never bodies, query strings, headers or cookies — and known secret fields are redacted
 * should anything pass them in by mistake.
 */
export function createLogger(level: string): Logger {
  return pino({
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
  });
}
