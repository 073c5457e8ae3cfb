/* eslint-disable no-restricted-imports -- tests run in Node and read real fio output from disk */
/**
 * The text scan of json+ bins (the fast path) against reading the parsed objects (the plain
 * reference), on every real json+ report here: fio 3.2 and 3.33.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanBins } from './bins-text';
import { readFioBins } from './fio-tail';

const root = join(__dirname, '../../..');
const files = [
  'src/core/ingest/fixtures/fio/06_fio-3.2_jsonplus-bins_normal+json_randread-qd16-nj4.fiolog',
  'src/core/ingest/fixtures/fio/io_uring-randwrite.jsonplus.json',
  ...['stalls', 'per-io'].flatMap((g) =>
    readdirSync(join(root, 'e2e/fixtures-data/tails', g)).map(
      (d) => `e2e/fixtures-data/tails/${g}/${d}/randwrite.json`,
    ),
  ),
];

/** The fio object of a text (which may have text around it) and its bounds. */
function fioObject(text: string): { start: number; end: number; value: unknown } {
  const start = text.search(/\{\s*"fio version"/);
  let depth = 0;
  let end = text.length;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) {
      end = i + 1;
      break;
    }
  }
  return { start, end, value: JSON.parse(text.slice(start, end)) };
}

describe('json+ bins from the text', () => {
  it.each(files)('%s: same histograms as reading the parsed objects', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const { start, end, value } = fioObject(text);
    const scanned = scanBins(text, start, end, value);
    expect(scanned.size).toBeGreaterThan(0);
    const jobs = (value as { jobs: Record<string, unknown>[] }).jobs;
    let compared = 0;
    for (const job of jobs)
      for (const d of ['read', 'write', 'trim']) {
        const fast = readFioBins(job[d], scanned);
        const plain = readFioBins(job[d]);
        expect(fast).toEqual(plain);
        if (plain) compared++;
      }
    expect(compared).toBeGreaterThan(0);
  });

  it('when text and parsed value disagree, nothing is taken from the text', () => {
    const text = '{"fio version":"x","jobs":[{"read":{"clat_ns":{"bins":{"10":1}}}}]}';
    const value = JSON.parse(text) as unknown;
    expect(scanBins(text, 0, text.length, value).size).toBe(1);
    expect(scanBins(text + ' "bins" : {"1":2}', 0, text.length + 20, value).size).toBe(0);
    expect(scanBins('{"bins": {"a": [1]}}', 0, 20, { bins: { a: [1] } }).size).toBe(0);
  });
});
