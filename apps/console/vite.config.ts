import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console: built into `dist/console` at the repository root, which the API serves under `/console`
 * (apps/api/src/console). `vite --config apps/console/vite.config.ts` serves it with the API proxied.
 */
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../../dist/console'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/v1': process.env.API_URL ?? 'http://127.0.0.1:3000' },
  },
});
