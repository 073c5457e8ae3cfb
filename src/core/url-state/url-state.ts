/**
 * ViewState ⇄ query string. Parsing never throws: every parameter is validated on its own, an
 * invalid one falls back to its default and is reported as a UrlIssue, so a tampered link still
 * opens (with a notice) instead of crashing. Serialization writes only non-default choices, in a
 * fixed order, so equal views give equal links.
 *
 * Parameters: src (repeatable RECORDS.HASH.NAME: the sets the view was made from), set (repeatable
 * team server set id: the server sets shown), hide (repeatable set name), axis, base, cand, metric, thr, flagged=include, pool=1,
 * f.<dim> (repeatable value), rows, cols (comma lists), sel.<dim>, tab, lang, host, top.
 * Dimension validation is in url-state.values.ts, link sets (src) in url-state.sets.ts; both are
 * re-exported here.
 */
import { AIO_MODES, ENVIRONMENT_FIELDS } from '../model/record.types';
import type { Dimension } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import {
  DEFAULT_COLS,
  DEFAULT_ROWS,
  DEFAULT_VIEW,
  TABS,
  TOP_N_CHOICES,
  VIEW_METRICS,
} from './url-state.types';
import { SERVER_SET_ID } from './url-state.types';
import type { UrlIssue, ViewState } from './url-state.types';
import { SWEEP_PARAM_PREFIX, parseSweepParams, serializeSweepParams } from './sweep-state';
import {
  CONTROL,
  MAX_VALUE_LENGTH,
  parseDimension,
  parseDimensionList,
  parseDimensionValue,
} from './url-state.values';
import { parseSetRef, serializeSetRef } from './url-state.sets';

const MAX_REPEATS = 200;

export { parseDimension, parseDimensionList, parseDimensionValue } from './url-state.values';
export type { LinkedSetsMatch } from './url-state.sets';
export { matchLinkedSets, parseSetRef, serializeSetRef, setRefOf } from './url-state.sets';

/** Default pivot layout for an axis: the axis itself can be neither a row nor a column. */
export function defaultLayout(axis: Dimension): { rows: Dimension[]; cols: Dimension[] } {
  return {
    rows: DEFAULT_ROWS.filter((d) => d !== axis),
    cols: DEFAULT_COLS.filter((d) => d !== axis),
  };
}

function parseThreshold(s: string): Result<number> {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return fail('not a number');
  const n = Number(s);
  return n >= 0 && n <= 100 ? ok(n) : fail('out of range');
}

function isOneOf<T extends string>(list: readonly T[], s: string): s is T {
  return (list as readonly string[]).includes(s);
}

/**
 * Parses a query string (with or without '?') into a complete ViewState plus the list of
 * parameters that were ignored. Cross-field rules: baseline ≠ candidate; for the aio axis both
 * are aio modes; the axis is not in rows/cols; rows and cols do not overlap.
 */
export function parseViewState(query: string): { state: ViewState; issues: UrlIssue[] } {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const issues: UrlIssue[] = [];
  const state: ViewState = structuredCloneView(DEFAULT_VIEW);
  const seen = new Set<string>();
  const singles = new Map<string, string>();
  const filters = new Map<Dimension, string[]>();
  const selected = new Map<Dimension, string>();
  let repeats = 0;
  const sweepParams: [string, string][] = [];

  for (const [name, value] of params) {
    const bad = (code: UrlIssue['code'] = 'invalid-value') =>
      issues.push({ param: name, value, code });
    if (++repeats > MAX_REPEATS) {
      bad();
      continue;
    }
    if (name.startsWith(SWEEP_PARAM_PREFIX)) {
      sweepParams.push([name, value]);
      continue;
    }
    if (name === 'src') {
      const ref = parseSetRef(value);
      if (!ref.ok) bad();
      else if ((state.sources ??= []).some((r) => r.name === ref.value.name)) bad('duplicate');
      else state.sources.push(ref.value);
      continue;
    }
    if (name === 'set') {
      if (!SERVER_SET_ID.test(value)) bad();
      else if ((state.serverSets ??= []).includes(value)) bad('duplicate');
      else state.serverSets.push(value);
      continue;
    }
    if (name === 'hide') {
      const v = parseDimensionValue(value);
      if (!v.ok || value === '') bad();
      else if (!state.hiddenSets.includes(value)) state.hiddenSets.push(value);
      continue;
    }
    if (name.startsWith('f.') || name.startsWith('sel.')) {
      const isFilter = name.startsWith('f.');
      const dim = parseDimension(name.slice(isFilter ? 2 : 4));
      const v = parseDimensionValue(value);
      if (!dim.ok || !v.ok) {
        bad();
        continue;
      }
      if (isFilter) {
        const list = filters.get(dim.value) ?? [];
        if (!list.includes(value)) list.push(value);
        filters.set(dim.value, list);
      } else if (selected.has(dim.value)) bad('duplicate');
      else selected.set(dim.value, value);
      continue;
    }
    if (!SINGLE_PARAMS.has(name)) {
      bad('unknown-param');
      continue;
    }
    if (seen.has(name)) {
      bad('duplicate');
      continue;
    }
    seen.add(name);
    singles.set(name, value);
  }

  const single = (name: string, apply: (v: string) => boolean) => {
    const v = singles.get(name);
    if (v === undefined) return;
    if (!apply(v)) issues.push({ param: name, value: v, code: 'invalid-value' });
  };

  single('axis', (v) => {
    const d = parseDimension(v);
    // `set` is an axis too: set A against set B (two folders of the same runs).
    if (!d.ok || d.value === 'layer') return false;
    state.axis = d.value;
    if (d.value !== 'aio') {
      // Another axis has no meaningful default pair: both values must come with it.
      state.baseline = '';
      state.candidate = '';
    }
    return true;
  });
  const pairValue = (v: string) =>
    state.axis === 'aio' ? isOneOf(AIO_MODES, v) : v !== '' && parseDimensionValue(v).ok;
  single('base', (v) => pairValue(v) && ((state.baseline = v), true));
  single('cand', (v) => pairValue(v) && ((state.candidate = v), true));
  if (state.baseline === state.candidate || state.baseline === '' || state.candidate === '') {
    if (singles.has('base') || singles.has('cand') || state.axis !== 'aio')
      issues.push(comparisonIssue(state, 'invalid-value'));
    resetComparison(state);
  }
  single('metric', (v) => isOneOf(VIEW_METRICS, v) && ((state.metric = v), true));
  single('thr', (v) => {
    const t = parseThreshold(v);
    if (t.ok) state.thresholdPct = t.value;
    return t.ok;
  });
  single('flagged', (v) => v === 'include' && ((state.excludeFlagged = false), true));
  single('pool', (v) => v === '1' && ((state.poolSets = true), true));
  single('tab', (v) => isOneOf(TABS, v) && ((state.tab = v), true));
  single('lang', (v) => (v === 'en' || v === 'zh') && ((state.lang = v), true));
  single(
    'host',
    (v) => v !== '' && v.length <= MAX_VALUE_LENGTH && !CONTROL.test(v) && ((state.host = v), true),
  );
  single('top', (v) => {
    const n = Number(v);
    if (!(TOP_N_CHOICES as readonly number[]).includes(n) || String(n) !== v) return false;
    state.topN = n;
    return true;
  });

  const layout = defaultLayout(state.axis);
  state.rows = layout.rows;
  state.cols = layout.cols;
  const rows = singles.has('rows') ? parseDimensionList(singles.get('rows') ?? '') : null;
  const cols = singles.has('cols') ? parseDimensionList(singles.get('cols') ?? '') : null;
  const rowsOk = rows?.ok === true && rows.value.length > 0 && !rows.value.includes(state.axis);
  const colsOk = cols?.ok === true && !cols.value.includes(state.axis);
  const proposedRows = rowsOk ? rows.value : state.rows;
  const proposedCols = colsOk ? cols.value : state.cols;
  const overlap = proposedRows.some((d) => proposedCols.includes(d));
  if (rows && !rowsOk)
    issues.push({ param: 'rows', value: singles.get('rows') ?? '', code: 'invalid-value' });
  if (cols && !colsOk)
    issues.push({ param: 'cols', value: singles.get('cols') ?? '', code: 'invalid-value' });
  if (overlap) {
    issues.push({
      param: rowsOk ? 'rows' : 'cols',
      value: singles.get(rowsOk ? 'rows' : 'cols') ?? '',
      code: 'invalid-value',
    });
  } else {
    state.rows = proposedRows;
    state.cols = proposedCols;
  }

  for (const [d, values] of filters) state.filters[d] = values;
  state.selected = selected.size > 0 ? Object.fromEntries(selected) : null;
  const sweep = parseSweepParams(sweepParams, parseDimension, parseDimensionValue);
  state.sweep = sweep.sweep;
  issues.push(...sweep.issues);
  return { state, issues };
}

const SINGLE_PARAMS = new Set([
  'axis',
  'base',
  'cand',
  'metric',
  'thr',
  'flagged',
  'pool',
  'rows',
  'cols',
  'tab',
  'lang',
  'host',
  'top',
]);

function structuredCloneView(v: ViewState): ViewState {
  return {
    ...v,
    hiddenSets: [...v.hiddenSets],
    filters: Object.fromEntries(Object.entries(v.filters).map(([k, vs]) => [k, [...(vs ?? [])]])),
    rows: [...v.rows],
    cols: [...v.cols],
    selected: v.selected ? { ...v.selected } : null,
    ...(v.sources ? { sources: v.sources.map((r) => ({ ...r })) } : {}),
    ...(v.serverSets ? { serverSets: [...v.serverSets] } : {}),
    sweep: { ...v.sweep, hold: { ...v.sweep.hold }, aggregate: [...v.sweep.aggregate] },
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Writes the non-default parts of a view as a query string (without '?'). Filters and the
 * selection are written in dimension order so that the same view always gives the same link.
 */
export function serializeViewState(state: ViewState): string {
  const p = new URLSearchParams();
  for (const ref of state.sources ?? []) p.append('src', serializeSetRef(ref));
  for (const id of state.serverSets ?? []) p.append('set', id);
  for (const s of [...state.hiddenSets].sort()) p.append('hide', s);
  if (state.axis !== DEFAULT_VIEW.axis) p.set('axis', state.axis);
  if (state.axis !== DEFAULT_VIEW.axis || state.baseline !== DEFAULT_VIEW.baseline)
    p.set('base', state.baseline);
  if (state.axis !== DEFAULT_VIEW.axis || state.candidate !== DEFAULT_VIEW.candidate)
    p.set('cand', state.candidate);
  if (state.metric !== DEFAULT_VIEW.metric) p.set('metric', state.metric);
  if (state.thresholdPct !== DEFAULT_VIEW.thresholdPct) p.set('thr', String(state.thresholdPct));
  if (!state.excludeFlagged) p.set('flagged', 'include');
  if (state.poolSets) p.set('pool', '1');
  for (const [dim, values] of sortedEntries(state.filters)) {
    for (const v of values ?? []) p.append(`f.${dim}`, v);
  }
  const layout = defaultLayout(state.axis);
  if (!sameList(state.rows, layout.rows)) p.set('rows', state.rows.join(','));
  if (!sameList(state.cols, layout.cols)) p.set('cols', state.cols.join(','));
  for (const [dim, v] of sortedEntries(state.selected ?? {})) {
    if (v !== undefined) p.set(`sel.${dim}`, v);
  }
  if (state.tab !== DEFAULT_VIEW.tab) p.set('tab', state.tab);
  if (state.lang) p.set('lang', state.lang);
  if (state.host) p.set('host', state.host);
  if (state.topN !== DEFAULT_VIEW.topN) p.set('top', String(state.topN));
  for (const [name, value] of serializeSweepParams(state.sweep)) p.append(name, value);
  return p.toString();
}

/** The issue of a comparison (axis, baseline, candidate) a link names and this view drops. */
const comparisonIssue = (s: ViewState, code: UrlIssue['code']): UrlIssue => ({
  param: 'axis',
  value: `${s.axis}:${s.baseline}/${s.candidate}`,
  code,
});

/** Back to the default comparison (axis, baseline and candidate of DEFAULT_VIEW). */
function resetComparison(s: ViewState): void {
  s.axis = DEFAULT_VIEW.axis;
  s.baseline = DEFAULT_VIEW.baseline;
  s.candidate = DEFAULT_VIEW.candidate;
}

/** Environment fields in their canonical order, then extra dimensions alphabetically. */
function sortedEntries<V>(obj: Partial<Record<Dimension, V>>): [Dimension, V | undefined][] {
  const rank = (d: string) => {
    const i = (ENVIRONMENT_FIELDS as readonly string[]).indexOf(d);
    return i < 0 ? ENVIRONMENT_FIELDS.length : i;
  };
  return (Object.entries(obj) as [Dimension, V | undefined][]).sort(
    ([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

/**
 * Second validation stage, once data is loaded: drops hidden sets and filter values that no
 * loaded record has (a link from someone with other data) and reports them. `known` maps each
 * dimension to the values present in the data; `sets` lists the loaded set names.
 */
export function reconcileWithData(
  state: ViewState,
  sets: readonly string[],
  known: (dim: Dimension) => ReadonlySet<string>,
): { state: ViewState; issues: UrlIssue[] } {
  const issues: UrlIssue[] = [];
  const next = structuredCloneView(state);
  next.hiddenSets = state.hiddenSets.filter((s) => {
    if (sets.includes(s)) return true;
    issues.push({ param: 'hide', value: s, code: 'unknown-set' });
    return false;
  });
  next.filters = {};
  for (const [dim, values] of sortedEntries(state.filters)) {
    const present = known(dim);
    const kept = (values ?? []).filter((v) => {
      if (present.has(v)) return true;
      issues.push({ param: `f.${dim}`, value: v, code: 'unknown-value' });
      return false;
    });
    if (kept.length > 0) next.filters[dim] = kept;
  }
  if (state.axis !== 'aio') {
    const present = known(state.axis);
    if (!present.has(state.baseline) || !present.has(state.candidate)) {
      issues.push(comparisonIssue(state, 'unknown-value'));
      resetComparison(next);
      if (next.rows.includes(next.axis) || next.cols.includes(next.axis)) {
        const layout = defaultLayout(next.axis);
        next.rows = layout.rows;
        next.cols = layout.cols;
      }
    }
  }
  return { state: next, issues };
}
