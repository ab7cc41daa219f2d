// The portal's build: `vite build portal` (run by scripts/ensure-deps.mjs) writes portal/dist, which the
// API server serves at /. In development `vite portal` proxies /api to a server on port 3000.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Brotli and gzip copies of the text files beside each one, made once here rather than per request;
// src/http/portal.ts sends the smallest the browser accepts (brotli: browsers ask for it over HTTPS).
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'hoso-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      const files = Object.values(bundle)
        .filter((f) => /\.(js|css|html|svg|json)$/.test(f.fileName))
        .map((f) => ({ name: f.fileName, text: f.type === 'chunk' ? f.code : f.source }))
        .filter((f) => f.text.length > 1024);
      await Promise.all(
        files.flatMap(({ name, text }) => [
          br(text, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            },
          }).then((b) => writeFile(join(dir, `${name}.br`), b)),
          gz(text, { level: 9 }).then((b) => writeFile(join(dir, `${name}.gz`), b)),
        ]),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    // A signed-in cold load of the overview (every session's first page) in two script files: everything
    // the entry imports statically ('$initial') in one, the overview page with what it adds in another
    // (issue 8). The default split made ~25 files, and behind Chromium's 6 connections per host the
    // overview's small chunks queued behind its own API calls. Other pages and ECharts stay lazy chunks.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'], priority: 2 },
            { name: 'overview', test: /src[\\/]pages[\\/]Overview\.tsx/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
