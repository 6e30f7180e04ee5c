import path from 'node:path';
import { defineConfig } from 'vite';

// The dashboard's build: Preact JSX through Vite's own oxc transform (no babel preset), output in
// dist/web where the API serves it. The manifest marks a finished build (the API looks for it).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npx vite web` during development: the API runs on its default port.
    proxy: {
      '/api': 'http://127.0.0.1:8000',
      '/socket.io': { target: 'http://127.0.0.1:8000', ws: true },
    },
  },
});
