import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const TEXT_FILE = /\.(js|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every text file of the
 * build, once, so the server answers compressed without compressing on each request. A copy that
 * would not be smaller is not written (the server then sends the file as it is).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'confide-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !TEXT_FILE.test(entry.name)) continue;
        const path = join(entry.parentPath, entry.name);
        const raw = readFileSync(path);
        const brotli = brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        const gzip = gzipSync(raw, { level: 9 });
        if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli);
        if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip);
      }
    },
  };
}

// The server serves dist/ at "/" and every page under /p/* as index.html, so assets are absolute.
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
  // The contract's schemas are built on first use in the app (packages/api/src/lazy-schema.ts).
  define: { __CONFIDE_LAZY_SCHEMAS__: 'true' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        // zod and the module that sets it jitless share one chunk, which every chunk holding a
        // schema of @confide/api imports and so runs first: no schema is built before the page's
        // CSP (no eval) is respected (see csp-safe-zod.ts).
        manualChunks: (id) => (/[\\/]node_modules[\\/]zod[\\/]|csp-safe-zod/.test(id) ? 'zod' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': { target: process.env.CONFIDE_API ?? 'http://127.0.0.1:3000', ws: true } },
  },
});
