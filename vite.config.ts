import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { bundledData } from './scripts/vite-bundled-data.ts';

// The built app is served by `aio-dash serve` (npm start); data/ is served at /data.
// Dependencies are bundled as published: no build step rewrites their code (the charts chunk,
// which loads only when the Charts tab opens, has its own size cap in scripts/bundle-budget.ts).
export default defineConfig({
  plugins: [react(), bundledData('data')],
  // No modulepreload polyfill: every browser the dashboard targets preloads modules natively,
  // and one that does not still loads them, only without the hint.
  build: { outDir: 'dist', sourcemap: false, modulePreload: { polyfill: false } },
  worker: { format: 'es' },
  preview: { port: 4173 },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
  },
});
