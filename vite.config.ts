import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { bundledData } from './scripts/vite-bundled-data.ts';
import { rechartsDepsSlim } from './scripts/vite-recharts-deps-slim.ts';
import { rechartsSlim } from './scripts/vite-recharts-slim.ts';
import { RECHARTS_SCALES } from './src/features/charts/recharts-scales.ts';

// The built app is served by `aio-dash serve` (npm start); data/ is served at /data.
export default defineConfig({
  // rechartsSlim: the charts chunk without Recharts' per-module Babel helpers, unused d3 scales
  // and lodash-compat helpers (131.1 → 114.2 kB gzip with the HTML scatter legend → 111.7 kB;
  // docs/performance.md, item 3 of "Where the budgets are missed"). rechartsDepsSlim: what
  // Recharts pulls from d3 and use-sync-external-store that the charts never reach: d3-color,
  // d3-format, unused curves and symbols, a second selector hook (→ 102.7 kB).
  plugins: [rechartsSlim(RECHARTS_SCALES), rechartsDepsSlim(), react(), bundledData('data')],
  // No modulepreload polyfill (0.2 kB of the 300 kB budget): every browser the dashboard targets
  // preloads modules natively, and one that does not still loads them, only without the hint.
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
