import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { bundledData } from './scripts/vite-bundled-data.ts';
import { rechartsSlim } from './scripts/vite-recharts-slim.ts';
import { RECHARTS_SCALES } from './src/features/charts/recharts-scales.ts';

// The built app is served by `aio-dash serve` (npm start); data/ is served at /data.
export default defineConfig({
  // rechartsSlim: the charts chunk without Recharts' per-module Babel helpers and unused d3
  // scales (131 → 116 kB gzip; docs/performance.md, bundle budget).
  plugins: [rechartsSlim(RECHARTS_SCALES), react(), bundledData('data')],
  build: { outDir: 'dist', sourcemap: false },
  worker: { format: 'es' },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
