import { z } from 'zod';

// The page's CSP forbids eval (script-src 'self'). Zod probes for it with `new Function('')` when
// its first object schema is built, and even a caught refusal is reported as a CSP violation on
// every page; jitless mode skips the probe. Imported first by main.tsx, so it runs before any
// schema of @confide/api is built.
z.config({ jitless: true });
