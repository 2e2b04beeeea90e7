import { defineConfig } from 'vite';

// The explorer imports the client bundle from ../clients/js (one copy of the RPC
// definitions and helpers), so the dev server may read that folder.
export default defineConfig({
  server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
});
