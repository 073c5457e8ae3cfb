/**
 * The sweep chart's choices in the query string, kept apart from url-state.ts (which only routes
 * `sw.*` parameters here): x dimension, facet, band, held values and aggregated dimensions.
 *
 * Parameters: sw.x=<dim>, sw.facet=<dim> ('' = no facet; absent = the suggested facet),
 * sw.band=iqr, sw.hold.<dim>=<value> (repeat per dimension), sw.agg=<dim>,<dim>.
 * Like the rest of the view state, an invalid parameter is ignored and reported, never thrown.
 */
import type { Dimension } from '../model/record.types';
import { SWEEP_BANDS } from '../compare/sweep.types';
import type { SweepBand } from '../compare/sweep.types';
import type { UrlIssue } from './url-state.types';

export interface SweepView {
  /** Dimension on x; null = the first numeric dimension of the data. */
  x: Dimension | null;
  /** Facet; null = the suggested one, '' = no facet. */
  facet: Dimension | '' | null;
  band: SweepBand;
  /** Dimensions held at a value (others default to their most frequent value). */
  hold: Partial<Record<Dimension, string>>;
  /** Dimensions aggregated over (a median the chart states). */
  aggregate: Dimension[];
}

export const DEFAULT_SWEEP_VIEW: SweepView = {
  x: null,
  facet: null,
  band: 'minmax',
  hold: {},
  aggregate: [],
};

/** Prefix of every sweep parameter: url-state.ts hands such parameters to parseSweepParams. */
export const SWEEP_PARAM_PREFIX = 'sw.';

const MAX_AGGREGATE = 8;

/**
 * The sweep view from its `sw.*` parameters (in query order). `parseDimension` and
 * `parseDimensionValue` are url-state.ts's validators (passed in to keep one definition).
 */
export function parseSweepParams(
  params: readonly [string, string][],
  parseDimension: (s: string) => { ok: true; value: Dimension } | { ok: false },
  parseValue: (s: string) => { ok: boolean },
): { sweep: SweepView; issues: UrlIssue[] } {
  const sweep: SweepView = { ...DEFAULT_SWEEP_VIEW, hold: {}, aggregate: [] };
  const issues: UrlIssue[] = [];
  const seen = new Set<string>();
  for (const [name, value] of params) {
    const bad = (code: UrlIssue['code'] = 'invalid-value') =>
      issues.push({ param: name, value, code });
    if (seen.has(name)) {
      bad('duplicate');
      continue;
    }
    seen.add(name);
    const key = name.slice(SWEEP_PARAM_PREFIX.length);
    if (key === 'x') {
      const d = parseDimension(value);
      if (d.ok) sweep.x = d.value;
      else bad();
    } else if (key === 'facet') {
      if (value === '') sweep.facet = '';
      else {
        const d = parseDimension(value);
        if (d.ok) sweep.facet = d.value;
        else bad();
      }
    } else if (key === 'band') {
      if ((SWEEP_BANDS as readonly string[]).includes(value)) sweep.band = value as SweepBand;
      else bad();
    } else if (key === 'agg') {
      const dims = value === '' ? [] : value.split(',').map(parseDimension);
      const ok = dims.every((d) => d.ok) && dims.length <= MAX_AGGREGATE;
      const list = dims.flatMap((d) => (d.ok ? [d.value] : []));
      if (ok && new Set(list).size === list.length) sweep.aggregate = list;
      else bad();
    } else if (key.startsWith('hold.')) {
      const d = parseDimension(key.slice('hold.'.length));
      if (d.ok && parseValue(value).ok) sweep.hold[d.value] = value;
      else bad();
    } else bad('unknown-param');
  }
  // A dimension is either held or aggregated: aggregation wins (it is the explicit, stated choice).
  for (const d of sweep.aggregate) {
    if (sweep.hold[d] !== undefined) {
      issues.push({ param: `sw.hold.${d}`, value: sweep.hold[d], code: 'invalid-value' });
      delete sweep.hold[d];
    }
  }
  return { sweep, issues };
}

/** The non-default sweep choices as [name, value] pairs in a fixed order (equal views, equal links). */
export function serializeSweepParams(sweep: SweepView): [string, string][] {
  const out: [string, string][] = [];
  if (sweep.x !== null) out.push(['sw.x', sweep.x]);
  if (sweep.facet !== null) out.push(['sw.facet', sweep.facet]);
  if (sweep.band !== DEFAULT_SWEEP_VIEW.band) out.push(['sw.band', sweep.band]);
  for (const d of Object.keys(sweep.hold).sort()) {
    const v = sweep.hold[d as Dimension];
    if (v !== undefined) out.push([`sw.hold.${d}`, v]);
  }
  if (sweep.aggregate.length > 0) out.push(['sw.agg', sweep.aggregate.join(',')]);
  return out;
}
