/**
 * `aio-dash compare --format json` on the constructed tail fixture: the additive q_value and
 * tail_regression fields (issue 15.3, 15.4), next to the spec's fields, which keep their values.
 */
import { describe, expect, it } from 'vitest';
import { main } from './main';
import type { SpecRow } from '../core/compare';
import type { TailAndQ } from '../core/compare/tail-verdict.output';

const FIXTURE = 'e2e/fixtures-data/tail-verdict/stalls-constructed.csv';

describe('aio-dash compare --format json: q_value and tail_regression', () => {
  it('names the stalled cell and gives the q that withdrew the marginal word', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, cwd: process.cwd() };
    expect(await main(['compare', FIXTURE, '--format', 'json'], io)).toBe(0);
    const rows = JSON.parse(out.join('')) as (SpecRow & TailAndQ)[];
    expect(rows).toHaveLength(9);
    const at = (pre: string, qd: number) =>
      rows.find((r) => r.cell.prealloc === pre && r.cell.iodepth === qd)!;
    const stalled = at('off', 1);
    expect(stalled.verdict).toBe('improvement');
    expect(stalled.tail_regression).toMatchObject({
      primary: 'iops',
      primary_pct: 12,
      metric: 'lat_p999_us',
      ratio: 3.1,
      stall: true,
      single_run: false,
      text: 'mean IOPS +12.0%, but p99.9 ×3.1 — stalls',
    });
    const marginal = at('falloc', 16);
    expect(marginal.verdict).toBe('inconclusive');
    expect(marginal.p_value!).toBeLessThan(0.05);
    // BH: rank 2 of 9 tested → q = 9/2 · p (the larger p-values of the other cells do not lower it).
    expect(marginal.q_value!).toBeCloseTo((9 / 2) * marginal.p_value!, 5);
    expect(marginal.tail_regression).toBeNull();
    expect(rows.filter((r) => r.tail_regression !== null)).toHaveLength(1);
  });
});
