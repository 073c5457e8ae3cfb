import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  matchLinkedSets,
  parseSetRef,
  parseViewState,
  reconcileWithData,
  serializeViewState,
  setRefOf,
} from './url-state';
import { DEFAULT_VIEW, TABS, VIEW_METRICS } from './url-state.types';
import type { ViewState } from './url-state.types';
import { AIO_MODES } from '../model/record.types';
import type { Dimension } from '../model/record.types';

/** The reviewer's view of the seed: LocalStorage/SSD, the prealloc-off randwrite cell selected. */
const reviewerView: ViewState = {
  ...DEFAULT_VIEW,
  filters: { storage: ['LocalStorage'], medium: ['SSD'] },
  selected: {
    storage: 'LocalStorage',
    medium: 'SSD',
    prealloc: 'off',
    rw: 'randwrite',
    prewritten: 'false',
  },
};

describe('serializeViewState / parseViewState', () => {
  it('writes nothing for the default view and reads the empty query as the default view', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    expect(parseViewState('')).toEqual({ state: DEFAULT_VIEW, issues: [] });
  });

  it('round-trips the reviewer view through a readable link', () => {
    const q = serializeViewState(reviewerView);
    expect(q).toBe(
      'f.storage=LocalStorage&f.medium=SSD&sel.storage=LocalStorage&sel.medium=SSD&sel.prealloc=off&sel.prewritten=false&sel.rw=randwrite',
    );
    expect(parseViewState(`?${q}`)).toEqual({ state: reviewerView, issues: [] });
  });

  it('round-trips every choice, including extra dimensions and non-ASCII values', () => {
    const view: ViewState = {
      hiddenSets: ['mine', 'a b'],
      axis: 'bus',
      baseline: 'virtio-blk',
      candidate: 'virtio-scsi',
      metric: 'lat_p99_us',
      thresholdPct: 7.5,
      excludeFlagged: false,
      poolSets: true,
      filters: { 'x:机房': ['北京', ''], medium: ['NVMe', 'SSD'] },
      rows: ['medium', 'x:机房'],
      cols: [],
      selected: { medium: 'NVMe', 'x:机房': '北京' },
      tab: 'charts',
      lang: 'zh',
      host: 'preset:el8',
      topN: 50,
      sweep: DEFAULT_VIEW.sweep,
    };
    const { state, issues } = parseViewState(serializeViewState(view));
    expect(issues).toEqual([]);
    expect(state).toEqual({ ...view, hiddenSets: ['a b', 'mine'] });
  });

  it('round-trips arbitrary valid views (property)', () => {
    const dim = fc.constantFrom<Dimension>(
      'storage',
      'medium',
      'prealloc',
      'bus',
      'rw',
      'prewritten',
      'vms',
      'x:rack',
    );
    // eslint-disable-next-line no-control-regex
    const value = fc.string({ maxLength: 20 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s));
    const arb = fc
      .record({
        pair: fc.uniqueArray(fc.constantFrom(...AIO_MODES), { minLength: 2, maxLength: 2 }),
        metric: fc.constantFrom(...VIEW_METRICS),
        thr: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
        excl: fc.boolean(),
        pool: fc.boolean(),
        dims: fc.uniqueArray(dim, { minLength: 1, maxLength: 6 }),
        split: fc.integer({ min: 1, max: 4 }),
        filters: fc.dictionary(dim, fc.uniqueArray(value, { minLength: 1, maxLength: 3 })),
        sel: fc.option(fc.dictionary(dim, value, { minKeys: 1 })),
        tab: fc.constantFrom(...TABS),
        lang: fc.constantFrom(null, 'en' as const, 'zh' as const),
        top: fc.constantFrom(10, 20, 50),
        hidden: fc.uniqueArray(
          value.filter((s) => s !== ''),
          { maxLength: 3 },
        ),
      })
      .map((r): ViewState => {
        const split = Math.min(r.split, r.dims.length, 4);
        return {
          hiddenSets: [...r.hidden].sort(),
          axis: 'aio',
          baseline: r.pair[0]!,
          candidate: r.pair[1]!,
          metric: r.metric,
          thresholdPct: r.thr,
          excludeFlagged: r.excl,
          poolSets: r.pool,
          filters: r.filters,
          rows: r.dims.slice(0, split),
          cols: r.dims.slice(split, split + 4),
          selected: r.sel,
          tab: r.tab,
          lang: r.lang,
          host: null,
          topN: r.top,
          sweep: DEFAULT_VIEW.sweep,
        };
      });
    fc.assert(
      fc.property(arb, (view) => {
        const { state, issues } = parseViewState(serializeViewState(view));
        expect(issues).toEqual([]);
        expect(state).toEqual(view);
      }),
    );
  });
});

describe('tampered links', () => {
  it('ignores each invalid parameter, keeps the valid ones and reports what it ignored', () => {
    const { state, issues } = parseViewState(
      '?metric=rm%20-rf&thr=-5&tab=admin&rows=storage,storage&f.%3Cscript%3E=1&f.medium=SSD&evil=1&lang=fr&top=7&sel.rw=randwrite&sel.rw=randread',
    );
    expect(state.metric).toBe('iops');
    expect(state.thresholdPct).toBe(5);
    expect(state.tab).toBe('pivot');
    expect(state.rows).toEqual(['storage', 'medium', 'prealloc']);
    expect(state.lang).toBeNull();
    expect(state.topN).toBe(20);
    expect(state.filters).toEqual({ medium: ['SSD'] });
    expect(state.selected).toEqual({ rw: 'randwrite' });
    expect(issues.map((i) => `${i.param}:${i.code}`).sort()).toEqual(
      [
        'metric:invalid-value',
        'thr:invalid-value',
        'tab:invalid-value',
        'rows:invalid-value',
        'f.<script>:invalid-value',
        'evil:unknown-param',
        'lang:invalid-value',
        'top:invalid-value',
        'sel.rw:duplicate',
      ].sort(),
    );
  });

  it('rejects a comparison of a mode with itself or with an unknown mode', () => {
    for (const q of ['base=native&cand=native', 'base=threads&cand=posix', 'cand=threads']) {
      const { state, issues } = parseViewState(q);
      expect([state.baseline, state.candidate]).toEqual(['threads', 'native']);
      expect(issues.length).toBeGreaterThan(0);
    }
  });

  it('rejects an advanced axis without both values, and the axis inside the layout', () => {
    expect(parseViewState('axis=bus').state.axis).toBe('aio');
    const { state, issues } = parseViewState(
      'axis=prealloc&base=off&cand=falloc&rows=prealloc,medium',
    );
    expect(state.axis).toBe('prealloc');
    expect(state.rows).toEqual(['storage', 'medium']);
    expect(issues).toEqual([{ param: 'rows', value: 'prealloc,medium', code: 'invalid-value' }]);
  });

  it('rejects overlapping rows and columns, control characters and oversize values', () => {
    expect(parseViewState('cols=storage').issues).toHaveLength(1);
    expect(parseViewState('cols=storage').state.cols).toEqual(['rw', 'prewritten']);
    expect(parseViewState('f.medium=a%00b').state.filters).toEqual({});
    expect(parseViewState(`f.medium=${'x'.repeat(201)}`).issues[0]?.code).toBe('invalid-value');
    expect(parseViewState('thr=1e2').state.thresholdPct).toBe(5);
    expect(parseViewState('thr=100').state.thresholdPct).toBe(100);
    expect(parseViewState('thr=100.5').state.thresholdPct).toBe(5);
  });

  it('bounds the work done on a huge query', () => {
    const q = Array.from({ length: 5000 }, (_, i) => `f.medium=v${i}`).join('&');
    const { state, issues } = parseViewState(q);
    expect(state.filters.medium).toHaveLength(200);
    expect(issues).toHaveLength(4800);
  });
});

describe('reconcileWithData', () => {
  const known = (dim: Dimension): ReadonlySet<string> =>
    new Set(
      (
        {
          storage: ['LocalStorage', 'SharedBlock'],
          medium: ['SSD', 'HDD'],
          bus: ['virtio-blk'],
        } as Record<string, string[]>
      )[dim] ?? [],
    );

  it('drops unknown sets and filter values and reports them', () => {
    const view = {
      ...DEFAULT_VIEW,
      hiddenSets: ['zstack-2023q1', 'gone'],
      filters: { medium: ['SSD', 'Tape'], storage: ['Ceph'] },
    };
    const { state, issues } = reconcileWithData(view, ['zstack-2023q1'], known);
    expect(state.hiddenSets).toEqual(['zstack-2023q1']);
    expect(state.filters).toEqual({ medium: ['SSD'] });
    expect(issues).toEqual([
      { param: 'hide', value: 'gone', code: 'unknown-set' },
      { param: 'f.storage', value: 'Ceph', code: 'unknown-value' },
      { param: 'f.medium', value: 'Tape', code: 'unknown-value' },
    ]);
  });

  it('falls back to threads vs native when the advanced axis values are not in the data', () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      axis: 'bus',
      baseline: 'virtio-blk',
      candidate: 'ide',
      rows: ['aio', 'medium'],
      cols: [],
    };
    const { state, issues } = reconcileWithData(view, [], known);
    expect([state.axis, state.baseline, state.candidate]).toEqual(['aio', 'threads', 'native']);
    expect(state.rows).toEqual(['storage', 'medium', 'prealloc']);
    expect(issues).toHaveLength(1);
  });
});

describe('links that name their data (src)', () => {
  const hostRuns = { name: 'host-runs', records: 12, hash: '3f2a9c0b1d2e' };
  const zstack = { name: 'zstack-2023q1', records: 211, hash: '00aa11bb22cc' };

  it('round-trips the sets a view was made from, in set order, names with dots and spaces', () => {
    const odd = { name: 'lab sheet v1.2.csv', records: 0, hash: null };
    const view: ViewState = { ...DEFAULT_VIEW, sources: [hostRuns, odd, zstack] };
    const q = serializeViewState(view);
    expect(q).toBe(
      'src=12.3f2a9c0b1d2e.host-runs&src=0..lab+sheet+v1.2.csv&src=211.00aa11bb22cc.zstack-2023q1',
    );
    expect(parseViewState(q)).toEqual({ state: view, issues: [] });
  });

  it('keeps set A vs set B (the fix two folders get) in the link', () => {
    const { state, issues } = parseViewState('axis=set&base=nvme0&cand=sda');
    expect(issues).toEqual([]);
    expect([state.axis, state.baseline, state.candidate]).toEqual(['set', 'nvme0', 'sda']);
    expect(parseViewState('axis=layer&base=guest&cand=host').state.axis).toBe('aio');
  });

  it('keeps old links working: no src, no sources', () => {
    const { state, issues } = parseViewState('f.medium=SSD');
    expect(state.sources).toBeUndefined();
    expect(issues).toEqual([]);
  });

  it('ignores tampered values with a notice and keeps the valid ones', () => {
    const bad = [
      'src=12.3F2A9C0B1D2E.x', // upper-case hash
      'src=12.3f2a.x', // short hash
      'src=-1.3f2a9c0b1d2e.x',
      'src=012.3f2a9c0b1d2e.x',
      'src=12.3f2a9c0b1d2e.', // no name
      'src=12.3f2a9c0b1d2e.a%00b', // control character
      `src=1..${'n'.repeat(201)}`,
      'src=99999999999.3f2a9c0b1d2e.x',
      'src=host-runs',
    ];
    const { state, issues } = parseViewState(
      [...bad, 'src=12.3f2a9c0b1d2e.host-runs', 'src=5..host-runs'].join('&'),
    );
    expect(state.sources).toEqual([hostRuns]);
    expect(issues.map((i) => i.code)).toEqual([...bad.map(() => 'invalid-value'), 'duplicate']);
    expect(parseSetRef('1..a.b.c')).toEqual({
      ok: true,
      value: { name: 'a.b.c', records: 1, hash: null },
    });
  });

  it('makes the short reference of a loaded set from its sha256', () => {
    const sha = '3f2a9c0b1d2e' + 'ab'.repeat(26);
    expect(setRefOf({ name: 'host-runs', records: new Array(12), sha256: sha })).toEqual(hostRuns);
    expect(setRefOf({ name: 'old', records: [], sha256: '' })).toEqual({
      name: 'old',
      records: 0,
      hash: null,
    });
    expect(setRefOf({ name: 'x', records: [], sha256: 'not-hex-at-all!!' }).hash).toBeNull();
  });

  it('finds the linked sets among the loaded ones: missing, renamed, changed, extra', () => {
    expect(matchLinkedSets([hostRuns], [zstack])).toEqual({
      present: [],
      missing: [hostRuns],
      changed: [],
      extra: ['zstack-2023q1'],
    });
    // Same content under another name: present (renamed).
    const renamed = { ...hostRuns, name: 'my runs' };
    expect(matchLinkedSets([hostRuns], [renamed, zstack]).present).toEqual([
      { linked: hostRuns, loaded: 'my runs' },
    ]);
    // Same name, other content: changed, never taken for the linked set.
    const other = { ...hostRuns, hash: 'ffffffffffff' };
    const m = matchLinkedSets([hostRuns], [other]);
    expect(m.present).toEqual([]);
    expect(m.changed).toEqual([{ linked: hostRuns, loaded: other }]);
    // Without hashes: name and count decide.
    const noHash = { ...hostRuns, hash: null };
    expect(matchLinkedSets([noHash], [hostRuns]).present).toHaveLength(1);
    expect(matchLinkedSets([noHash], [{ ...hostRuns, records: 11 }]).changed).toHaveLength(1);
  });
});

describe('team server sets in a link (set=ID)', () => {
  it('round-trips the ids in order, after src', () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      sources: [{ name: 'host-runs', records: 12, hash: '3f2a9c0b1d2e' }],
      serverSets: ['s_3fA9-k', 'b2'],
    };
    const q = serializeViewState(view);
    expect(q).toBe('src=12.3f2a9c0b1d2e.host-runs&set=s_3fA9-k&set=b2');
    expect(parseViewState(q)).toEqual({ state: view, issues: [] });
    expect(parseViewState('tab=charts').state.serverSets).toBeUndefined();
  });

  it("accepts only the server's id pattern; a tampered id is dropped with a notice", () => {
    const bad = [
      'set=', // empty
      'set=..%2F..%2Fetc', // path trick
      'set=a%2Fb',
      "set=x'%20OR%201%3D1",
      `set=${'a'.repeat(65)}`, // longer than 64
      'set=%C3%A9', // not ASCII
      'set=a%00b',
    ];
    const { state, issues } = parseViewState([...bad, 'set=ok_1', 'set=ok_1'].join('&'));
    expect(state.serverSets).toEqual(['ok_1']);
    expect(issues.map((i) => i.code)).toEqual([...bad.map(() => 'invalid-value'), 'duplicate']);
    expect(parseViewState(`set=${'a'.repeat(64)}`).issues).toEqual([]);
  });
});
