/** The shared ResultStore contract (contract.test-suite.ts) on DuckDB files in temp dirs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDuckDbStore } from './duckdb';
import { storeContract } from './contract.test-suite';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

storeContract('DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aio-contract-'));
  dirs.push(dir);
  return openDuckDbStore(dir);
});
