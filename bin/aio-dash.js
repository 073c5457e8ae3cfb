#!/usr/bin/env node
// Entry of the `aio-dash` command. The CLI is TypeScript in src/cli and shares src/core with the
// web app. It runs from the esbuild bundle (dist-cli/, made by `npm install` and `npm run build`)
// when that bundle is newer than every source file, else straight from TypeScript through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-cli', 'aio-dash.mjs');

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestSourceMtime(path) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return ['src/core', 'src/cli', 'src/node', 'src/server'].every(
    (d) => newestSourceMtime(join(root, d)) <= built,
  );
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
