// The portal's build: `vite build portal` (run by scripts/ensure-deps.mjs) writes portal/dist, which the
// API server serves at /. In development `vite portal` proxies /api to a server on port 3000.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
