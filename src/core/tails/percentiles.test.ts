/* eslint-disable no-restricted-imports -- tests run in Node and read real fio output from disk */
/**
 * Percentiles from json+ bins against fio's own percentile list (real fio output: 3.2 from
 * ../ingest/fixtures, 3.33 made here, e2e/fixtures-data/tails), and against a plain reference
 * (expand the bins into samples, sort, take the ⌈p/100·N⌉-th) on random histograms.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { platIdxToVal, readFioBins, readFioCurve } from './fio-tail';
import {
  FIO_DEFAULT_RANKS,
  curveFromBins,
  histogramCount,
  mergeHistograms,
  percentilesFromBins,
} from './percentiles';

const root = join(__dirname, '../../..');
const tails = join(root, 'e2e/fixtures-data/tails');

/** The JSON object of a fio output that may have text around it (normal+json). */
function fioJsonText(text: string): string {
  const start = text.search(/\{\s*"fio version"/);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

/** Every direction with json+ bins in the real fixtures: [label, side object]. */
function realSides(): [string, unknown][] {
  const files: string[] = [
    join(
      root,
      'src/core/ingest/fixtures/fio/06_fio-3.2_jsonplus-bins_normal+json_randread-qd16-nj4.fiolog',
    ),
    join(root, 'src/core/ingest/fixtures/fio/io_uring-randwrite.jsonplus.json'),
  ];
  for (const group of ['stalls', 'per-io'])
    for (const d of readdirSync(join(tails, group)))
      files.push(join(tails, group, d, 'randwrite.json'));
  const out: [string, unknown][] = [];
  for (const f of files) {
    const doc = JSON.parse(fioJsonText(readFileSync(f, 'utf8'))) as {
      jobs: Record<string, unknown>[];
    };
    doc.jobs.forEach((job, i) => {
      for (const d of ['read', 'write']) {
        const side = job[d] as { total_ios?: number } | undefined;
        if (side && (side.total_ios ?? 0) > 0)
          out.push([`${f.slice(root.length + 1)} jobs[${i}].${d}`, side]);
      }
    });
  }
  return out;
}

describe('percentiles from json+ bins', () => {
  const sides = realSides();

  it('has real json+ directions to test (fio 3.2 and 3.33)', () => {
    expect(sides.length).toBeGreaterThanOrEqual(10);
  });

  it.each(sides)("%s: bins give fio's own percentile list (within one bin width)", (_, side) => {
    const bins = readFioBins(side)!;
    const fioCurve = readFioCurve(side)!;
    expect(bins).not.toBeNull();
    expect(histogramCount(bins)).toBe((side as { total_ios: number }).total_ios);
    const ours = percentilesFromBins(bins, fioCurve.ranks)!;
    let exact = 0;
    for (let i = 0; i < ours.length; i++) {
      const want = fioCurve.valuesUs[i]!;
      // One bin of fio's log-linear histogram (6 bits): 1/64 of the value.
      expect(Math.abs(ours[i]! - want)).toBeLessThanOrEqual(want / 64 + 1e-9);
      if (ours[i] === want) exact++;
    }
    // The rule is fio's: nearly every rank is exact (a boundary can round to the next bin).
    expect(exact).toBeGreaterThanOrEqual(ours.length - 1);
  });

  it("fio 3.x bin keys are exactly fio's plat_idx_to_val values (6 bits)", () => {
    const valid = new Set<number>();
    for (let i = 0; i < 64 * 30; i++) valid.add(platIdxToVal(i, 6));
    for (const [label, side] of sides) {
      const keys = Object.keys((side as { clat_ns: { bins: object } }).clat_ns.bins).map(Number);
      const off = keys.filter((k) => !valid.has(k));
      expect(off, label).toEqual([]);
    }
  });

  it('reads fio 2.x json+ bins (index keys + FIO_IO_U_PLAT_BITS, µs; constructed sample)', () => {
    const side = {
      clat: {
        bins: {
          FIO_IO_U_PLAT_BITS: 6,
          FIO_IO_U_PLAT_VAL: 64,
          FIO_IO_U_PLAT_NR: 1216,
          '100': 3,
          '128': 1,
          '200': 0,
        },
      },
    };
    const h = readFioBins(side)!;
    expect([...h.upperUs]).toEqual([100, 129]);
    expect([...h.counts]).toEqual([3, 1]);
  });

  it('matches a plain sorted-samples reference on random histograms', () => {
    const hist = fc
      .uniqueArray(fc.integer({ min: 1, max: 1e7 }), { minLength: 1, maxLength: 40 })
      .chain((values) =>
        fc.tuple(
          fc.constant(values.sort((a, b) => a - b)),
          fc.array(fc.integer({ min: 0, max: 50 }), {
            minLength: values.length,
            maxLength: values.length,
          }),
        ),
      )
      .filter(([, counts]) => counts.some((c) => c > 0));
    fc.assert(
      fc.property(hist, ([values, counts]) => {
        const h = { upperUs: Float64Array.from(values), counts: Float64Array.from(counts) };
        const samples: number[] = [];
        values.forEach((v, i) => {
          for (let k = 0; k < counts[i]!; k++) samples.push(v);
        });
        const got = percentilesFromBins(h, FIO_DEFAULT_RANKS)!;
        FIO_DEFAULT_RANKS.forEach((p, j) => {
          // fio: the first bin whose running count reaches p/100·N, i.e. the ⌈p/100·N⌉-th sample.
          const k = Math.max(1, Math.ceil((p / 100) * samples.length - 1e-9));
          expect(got[j]).toBe(samples[k - 1]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('merges the bins of jobs exactly and shares the default ranks', () => {
    const a = { upperUs: Float64Array.of(10, 20), counts: Float64Array.of(1, 2) };
    const b = { upperUs: Float64Array.of(20, 40), counts: Float64Array.of(5, 1) };
    const m = mergeHistograms([a, b])!;
    expect([...m.upperUs]).toEqual([10, 20, 40]);
    expect([...m.counts]).toEqual([1, 7, 1]);
    const c1 = curveFromBins(m)!;
    const c2 = curveFromBins(a)!;
    expect(c1.ranks).toBe(FIO_DEFAULT_RANKS);
    expect(c2.ranks).toBe(c1.ranks);
    expect(c1.source).toBe('fio-bins');
  });

  it('an empty histogram has no percentiles', () => {
    expect(
      percentilesFromBins(
        { upperUs: new Float64Array(0), counts: new Float64Array(0) },
        FIO_DEFAULT_RANKS,
      ),
    ).toBeNull();
  });
});
