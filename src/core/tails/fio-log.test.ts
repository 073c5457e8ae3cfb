/* eslint-disable no-restricted-imports -- tests run in Node and read real fio logs from disk */
/**
 * parseFioLog (in-place digits, one buffer) against parseFioLogReference (cut at commas, trim()
 * and Number()): every real log here, and generated texts with what fio never writes (spaces,
 * tabs, fractions, signs, CRLF, blank and broken lines, times stepping back).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../model/result';
import type { TimeSeries } from '../model/tail.types';
import { parseFioLog, type LogParseOptions } from './fio-log';
import { parseFioLogReference } from './fio-log.reference';

const tails = join(__dirname, '../../../e2e/fixtures-data/tails');

function logFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? logFiles(abs) : name.endsWith('.log') ? [abs] : [];
  });
}

/** A result as plain values (typed arrays as arrays), so views of one buffer compare by content. */
const plain = (r: Result<TimeSeries>) =>
  r.ok
    ? {
        ...r.value,
        tMs: Array.from(r.value.tMs),
        values: Array.from(r.value.values),
        ddir: Array.from(r.value.ddir),
      }
    : r;

/** A small seeded generator (mulberry32): the same texts every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  '0',
  '1',
  '2',
  '3',
  '17',
  '100',
  ' 42',
  '42 ',
  ' 7 ',
  '007',
  '1.5',
  '-3',
  '+4',
  '1e3',
  '',
  '  ',
  '\t5',
  '5\t',
  'x',
  '0x10',
  '123456789012345',
  '1234567890123456',
  '99999999999999999999',
  'Infinity',
  '2 3',
  '\r1',
];

function generated(seed: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 8);
  let t = 100;
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.08) lines.push('');
    else if (x < 0.12) lines.push(pick(['1, 2', 'junk', ' ', ',,', '1,2,']));
    else if (x < 0.55) {
      // What fio writes: time, value, direction, block size[, offset]; times mostly ascending.
      t += Math.floor(r() * 120) - 10;
      const tail = pick(['', ', 4096', ', 4096, 0', ', 4096, 123, 0']);
      lines.push(`${t}, ${Math.floor(r() * 1e9)}, ${pick(['0', '1', '2'])}${tail}`);
    } else {
      const sep = pick([',', ', ', ' ,']);
      const k = 2 + Math.floor(r() * 3);
      lines.push(
        Array.from({ length: k }, (_, j) =>
          j === 2 ? pick(['0', '1', '2', ...FIELDS]) : pick(FIELDS),
        ).join(sep),
      );
    }
  }
  const eol = r() < 0.2 ? '\r\n' : '\n';
  return lines.join(eol) + (r() < 0.7 ? eol : '');
}

describe('parseFioLog against the plain reference', () => {
  const options = (latencyNs: boolean): LogParseOptions => ({
    kind: 'clat',
    file: 'x.log',
    latencyNs,
    avgMs: null,
  });

  it('every real fio log here: the same series', () => {
    const files = logFiles(tails);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const latencyNs of [true, false]) {
        const fast = parseFioLog(text, options(latencyNs));
        expect(fast.ok).toBe(true);
        expect(plain(fast)).toEqual(plain(parseFioLogReference(text, options(latencyNs))));
      }
    }
  });

  it('generated texts, valid and broken: the same series or the same failure', () => {
    let failed = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const text = generated(seed);
      const fast = parseFioLog(text, { ...options(true), kind: seed % 2 ? 'clat' : 'iops' });
      const ref = parseFioLogReference(text, {
        ...options(true),
        kind: seed % 2 ? 'clat' : 'iops',
      });
      expect(plain(fast), JSON.stringify(text)).toEqual(plain(ref));
      if (!ref.ok) failed++;
    }
    // Both outcomes are exercised.
    expect(failed).toBeGreaterThan(300);
    expect(failed).toBeLessThan(2700);
  });

  it('keeps the three arrays in one buffer, cut to the lines read', () => {
    const r = parseFioLog('\n5, 1, 0, 4096\n\n3, 2, 1, 4096\n', options(false));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Array.from(r.value.tMs)).toEqual([3, 5]);
    expect(r.value.values.buffer).toBe(r.value.tMs.buffer);
    expect(r.value.ddir.buffer).toBe(r.value.tMs.buffer);
    expect(r.value.tMs.buffer.byteLength).toBe(17 * 2);
  });
});
