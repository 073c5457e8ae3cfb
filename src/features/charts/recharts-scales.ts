/**
 * The d3 scales the charts name in `scale="…"` on an axis. The build keeps only these in the
 * charts chunk, plus band/linear/point, which `scale="auto"` resolves to (vite.config.ts,
 * scripts/vite-recharts-slim.ts): Recharts would otherwise bundle every d3 scale (≈ 7 kB gzip)
 * because it looks them up by name. Add a name here before using a new scale in a chart;
 * recharts-scales.test.ts fails when a chart uses one that is not listed.
 */
export const RECHARTS_SCALES = ['log'] as const;
