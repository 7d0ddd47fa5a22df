import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples import govsim as a user would; in this checkout that is the source.
  resolve: {
    alias: {
      'govsim/node': fileURLToPath(new URL('./src/node/index.ts', import.meta.url)),
      govsim: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
