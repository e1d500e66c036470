import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at "/" and every page under /p/* as index.html, so assets are absolute.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    proxy: { '/api': { target: process.env.CONFIDE_API ?? 'http://127.0.0.1:3000', ws: true } },
  },
});
