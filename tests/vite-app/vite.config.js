// Builds tests/vite-app into tests/vite-app/dist; the package is resolved through its exports map.
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
  server: { fs: { allow: ['../..'] } },
});
