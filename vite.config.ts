import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { bundledData } from './scripts/vite-bundled-data.ts';
import { d3ScaleSlim } from './scripts/vite-d3-scale-slim.ts';
import { rechartsSlim } from './scripts/vite-recharts-slim.ts';
import { RECHARTS_SCALES } from './src/features/charts/recharts-scales.ts';

// The built app is served by `aio-dash serve` (npm start); data/ is served at /data.
export default defineConfig({
  // rechartsSlim: the charts chunk without Recharts' per-module Babel helpers, unused d3 scales
  // and lodash-compat helpers (131.1 → 114.2 kB gzip with the HTML scatter legend → 111.7 kB;
  // docs/performance.md, item 3 of "Where the budgets are missed"). d3ScaleSlim: d3 scales
  // without d3-interpolate/d3-color and d3-format, which the charts never reach (→ 104.0 kB).
  plugins: [rechartsSlim(RECHARTS_SCALES), d3ScaleSlim(), react(), bundledData('data')],
  build: { outDir: 'dist', sourcemap: false },
  worker: { format: 'es' },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
