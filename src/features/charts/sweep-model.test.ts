import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../core/compare';
import { run } from '../../core/compare/record.fixture';
import { DEFAULT_SWEEP_VIEW } from '../../core/url-state/sweep-state';
import { makeI18n } from '../../shared/i18n/i18n';
import { gridSummary, gridTone, resolveGrid, resolveSweep, sweepSummary } from './sweep-model';

const i18n = makeI18n('en');
const names = { baseline: 'devA', candidate: 'devB' };
const spec = withDefaults({ axis: 'set', baseline: 'devA', candidate: 'devB' });

// fio-plot's layout: two devices × rw × iodepth × numjobs, one run each.
const records = ['devA', 'devB'].flatMap((set, k) =>
  (['randread', 'randwrite'] as const).flatMap((rw) =>
    [1, 2, 4, 8].flatMap((iodepth) =>
      [1, 4].map((numjobs) =>
        run(1000 * iodepth * numjobs * (k === 0 ? 1 : 1.1) * (rw === 'randwrite' ? 0.5 : 1), null, {
          set,
          rw,
          iodepth,
          numjobs,
        }),
      ),
    ),
  ),
);
const num = (s: string) => Number(s.replace(/,/g, ''));

describe('sweep view model', () => {
  it('states the facet, the held field, the band and a Δ that agrees with its two numbers', () => {
    const r = resolveSweep(records, spec, 'iops', DEFAULT_SWEEP_VIEW)!;
    expect(r.spec.x).toBe('iodepth');
    expect(r.spec.facet).toBe('rw');
    expect(r.xChoices).toEqual(['iodepth', 'numjobs']);
    const text = sweepSummary(i18n, r.sweep, names);
    expect(text).toContain('log₂ axis');
    expect(text).toContain('one line per Result set value: devA, devB');
    expect(text).toContain('One panel per Workload (2).');
    expect(text).toContain('Held fixed: numjobs = 1 (one of 2 values).');
    expect(text).toContain('one run per point');
    const m = /([\d,.]+) IOPS → ([\d,.]+) IOPS \(\+([\d.]+)%\)/.exec(text)!;
    expect(100 * (num(m[2]!) / num(m[1]!) - 1)).toBeCloseTo(Number(m[3]), 1);
    expect(text).toContain('16 of 32 records drawn (16 at other values of held fields');
  });

  it('offers on x only what varies in the compared records', () => {
    const elsewhere = [
      run(1, null, { set: 'other', vms: 1 }),
      run(1, null, { set: 'other', vms: 8 }),
    ];
    expect(
      resolveSweep([...records, ...elsewhere], spec, 'iops', DEFAULT_SWEEP_VIEW)!.xChoices,
    ).toEqual(['iodepth', 'numjobs']);
  });

  it('draws another axis value as a series only where it makes a line', () => {
    const other = [
      run(5000, null, { set: 'bundled', iodepth: 128 }),
      run(5000, null, { set: 'devC', iodepth: 1 }),
      run(5000, null, { set: 'devC', iodepth: 2 }),
    ];
    const r = resolveSweep([...records, ...other], spec, 'iops', DEFAULT_SWEEP_VIEW)!;
    expect(r.spec.extraSeries).toEqual(['devC']);
    expect(r.spec.facet).toBe('rw');
  });

  it('says so when a field is aggregated instead of held', () => {
    const r = resolveSweep(records, spec, 'iops', {
      ...DEFAULT_SWEEP_VIEW,
      aggregate: ['numjobs'],
    })!;
    const text = sweepSummary(i18n, r.sweep, names);
    expect(text).toContain('Aggregated: median over 2 numjobs values');
    expect(text).not.toContain('Held fixed');
    expect(r.sweep.accounting.used).toBe(32);
  });

  it('no facet when asked; an unusable asked facet falls back to the suggestion', () => {
    expect(
      resolveSweep(records, spec, 'iops', { ...DEFAULT_SWEEP_VIEW, facet: '' })!.spec.facet,
    ).toBe(null);
    expect(
      resolveSweep(records, spec, 'iops', { ...DEFAULT_SWEEP_VIEW, facet: 'iodepth' })!.spec.facet,
    ).toBe('rw');
  });

  it('builds the iodepth × numjobs grid and colours by size and direction', () => {
    const g = resolveGrid(records, spec, 'iops', DEFAULT_SWEEP_VIEW)!;
    expect(g.sweep.panels.map((p) => p.deltas.length)).toEqual([8, 8]);
    const text = gridSummary(i18n, g.sweep, names, 5);
    expect(text).toContain('16 cells with both sides');
    expect(text).toContain('Largest gain:');
    expect(text).not.toContain('Largest loss');
    expect(gridTone(10, 'iops', 5)).toBe('better');
    expect(gridTone(10, 'lat_mean_us', 5)).toBe('worse');
    expect(gridTone(-4.9, 'iops', 5)).toBe('same');
  });
});
