// Bundles the aio-dash CLI (src/cli/main.ts and the pure core it uses) into one ES module.
// Why: loading ~400 TypeScript modules through tsx costs ~0.6 s per command; the bundle starts
// in ~0.1 s. bin/aio-dash.js falls back to tsx when the bundle is missing or older than src/.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist-cli/aio-dash.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The team server's DuckDB bindings load a native library: required from node_modules at run
  // time (and only by `aio-dash serve` when its API is used), never bundled.
  external: ['@duckdb/node-api'],
  logLevel: 'warning',
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
