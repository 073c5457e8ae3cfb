/* eslint-disable no-restricted-imports -- tests run in Node and read the real layouts from disk */
/**
 * axisHints() on result files laid out as engineers keep them (e2e/fixtures-data/layouts, made
 * with Debian's fio: see the README there), ingested as the CLI and the browser do: every folder
 * is one set named after it, origins relative to the folder.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../model/record.types';
import { ingestBytes } from '../ingest/ingest';
import { axisHints, hintFix } from './axis-hints';
import { describeHint } from './axis-hints.text';
import { compare } from './pair';

const LAYOUTS = join(__dirname, '../../../e2e/fixtures-data/layouts');

/** The files of one folder as one set named after it (what planSets() gives a folder). */
function folderSet(rel: string, set: string): ResultRecord[] {
  const dir = join(LAYOUTS, rel);
  const out: ResultRecord[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const r = ingestBytes(readFileSync(join(dir, name)), { fileName: name, set });
    if (!r.ok) throw new Error(`${name}: ${r.reason}`);
    out.push(...r.value.records);
  }
  return out;
}

describe('axisHints on real layouts', () => {
  it('host runs (one folder, 12 fio files): aio is empty — compare along fio engine, libaio vs io_uring', () => {
    const recs = folderSet('host-runs', 'host-runs');
    expect(recs).toHaveLength(12);
    expect(compare(recs).cells).toHaveLength(0);
    const hints = axisHints(recs, {});
    const h = hints[0]!;
    expect(h.kind).toBe('axis-empty');
    if (h.kind !== 'axis-empty') return;
    expect(h.present).toEqual([]);
    expect(h.alternatives[0]).toMatchObject({
      axis: 'ioengine',
      values: ['libaio', 'io_uring', 'psync'],
    });
    expect(h.fix).toEqual({
      axis: 'ioengine',
      baseline: 'libaio',
      candidate: 'io_uring',
      poolSets: false,
    });
    // What the fix gives, by compare() itself: a libaio and an io_uring run per
    // preallocation × rw cell.
    const fixed = compare(recs, { ...h.fix! });
    expect(fixed.cells.length).toBe(h.pairs);
    expect(fixed.cells.length).toBeGreaterThanOrEqual(2);
    for (const c of fixed.cells) {
      expect(c.baseline.records.every((r) => r.ioengine === 'libaio')).toBe(true);
      expect(c.candidate.records.every((r) => r.ioengine === 'io_uring')).toBe(true);
    }
    expect(describeHint(h)).toMatch(
      /^aio mode is empty in your files; fio engine has libaio, io_uring, psync — compare along fio engine \(libaio vs io_uring, \d+ pairs\)$/,
    );
  });

  it('host runs loaded one set per file: the same fix, pooling the sets', () => {
    const dir = join(LAYOUTS, 'host-runs');
    const recs = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((name) => {
        const r = ingestBytes(readFileSync(join(dir, name)), { fileName: name });
        if (!r.ok) throw new Error(r.reason);
        return r.value.records;
      });
    const fix = hintFix(axisHints(recs, {})[0]!);
    expect(fix).toEqual({
      axis: 'ioengine',
      baseline: 'libaio',
      candidate: 'io_uring',
      poolSets: true,
    });
    expect(compare(recs, { ...fix! }).cells.length).toBeGreaterThanOrEqual(2);
  });

  it('two device folders with the same file names, each its own set: compare set A vs set B', () => {
    const devices = readdirSync(join(LAYOUTS, 'devices')).sort();
    expect(devices).toHaveLength(2);
    const [a, b] = devices as [string, string];
    const recs = [...folderSet(`devices/${a}`, a), ...folderSet(`devices/${b}`, b)];
    expect(recs).toHaveLength(196);
    const hints = axisHints(recs, {});
    const fix = hintFix(hints[0]!);
    expect(fix).toEqual({ axis: 'set', baseline: a, candidate: b, poolSets: false });
    const cells = compare(recs, { ...fix! }).cells;
    // Every file of one folder has its twin in the other: 98 cells.
    expect(cells).toHaveLength(98);
    expect(describeHint(hints[0]!)).toContain(`compare set ${a} vs set ${b} (98 pairs)`);
  });
});
