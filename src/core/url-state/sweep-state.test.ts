import { describe, expect, it } from 'vitest';
import { parseViewState, serializeViewState } from './url-state';
import { DEFAULT_VIEW } from './url-state.types';

describe('sweep choices in the URL', () => {
  it('round-trips every choice and writes nothing for the defaults', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    const view = {
      ...DEFAULT_VIEW,
      tab: 'charts' as const,
      sweep: {
        x: 'iodepth' as const,
        facet: '' as const,
        band: 'iqr' as const,
        hold: { numjobs: '4', 'x:host': 'a b' } as const,
        aggregate: ['rw' as const],
      },
    };
    const q = serializeViewState(view);
    expect(q).toContain('sw.x=iodepth');
    expect(q).toContain('sw.facet=&');
    const back = parseViewState(q);
    expect(back.issues).toEqual([]);
    expect(back.state.sweep).toEqual(view.sweep);
    expect(serializeViewState(back.state)).toBe(q);
  });

  it('ignores and reports tampered sweep parameters, keeping the rest', () => {
    const { state, issues } = parseViewState(
      '?sw.x=nope&sw.band=wide&sw.facet=rw&sw.agg=rw,rw&sw.zoom=2&sw.hold.numjobs=1&sw.hold.numjobs=2&tab=charts',
    );
    expect(state.tab).toBe('charts');
    expect(state.sweep).toEqual({ ...DEFAULT_VIEW.sweep, facet: 'rw', hold: { numjobs: '1' } });
    expect(issues.map((i) => [i.param, i.code])).toEqual([
      ['sw.x', 'invalid-value'],
      ['sw.band', 'invalid-value'],
      ['sw.agg', 'invalid-value'],
      ['sw.zoom', 'unknown-param'],
      ['sw.hold.numjobs', 'duplicate'],
    ]);
  });

  it('an aggregated dimension is not also held', () => {
    const { state, issues } = parseViewState('?sw.hold.rw=randread&sw.agg=rw');
    expect(state.sweep.aggregate).toEqual(['rw']);
    expect(state.sweep.hold).toEqual({});
    expect(issues).toHaveLength(1);
  });
});
