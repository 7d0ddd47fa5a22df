/**
 * Builds the explorer: a static site (relative paths, so it works from any
 * folder of any static host) with the engine in a Web Worker. govsim is
 * bundled from this checkout's source; the shipped scenarios are bundled as
 * JSON at build time.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: { govsim: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  worker: { format: 'es' },
});
