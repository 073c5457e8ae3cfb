/**
 * Evaluating many cells at once: comparison cells are grouped by their policy environment (the
 * fields a decision depends on) and each group gets one decision from its comparisons. Grouping
 * walks a trie of Maps keyed by the cells' own value strings, so no key string is built per cell.
 *
 * Also the report's matrix (storage × medium × preallocation) with data-quality facts per row.
 */
import type { AioMode, ResultRecord } from '../model/record.types';
import { AIO_MODES, CACHE_MODES, FORMATS, PREALLOCS, SOURCES } from '../model/record.types';
import type { CellComparison, Comparison } from '../compare/compare.types';
import { deltaOf } from '../compare/cell';
import { DELTA_METRICS } from '../compare/verdict';
import type { CellEnvironment, HostProfile, Lang, PolicyDecision } from './policy.types';
import type { EvidenceHint } from './recommend.evidence';
import { recommend, recommendWith } from './recommend';

const isAio = (v: string): v is AioMode => (AIO_MODES as readonly string[]).includes(v);

/** Cell fields that define a policy environment, in trie order. */
export const POLICY_FIELDS = [
  'storage',
  'source',
  'fs',
  'format',
  'prealloc',
  'cache',
  'medium',
  'bus',
  'iothread',
] as const;

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | null =>
  v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : null;
const str = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
const bool = (v: string | undefined): boolean | null =>
  v === 'true' ? true : v === 'false' ? false : null;

/** The policy environment of a comparison cell (dimension values as strings, '' = missing). */
export function envFromCell(cell: Readonly<Record<string, string>>): CellEnvironment {
  return {
    source: oneOf(SOURCES, cell.source),
    storage: str(cell.storage),
    fs: str(cell.fs),
    format: oneOf(FORMATS, cell.format),
    prealloc: oneOf(PREALLOCS, cell.prealloc),
    cache: oneOf(CACHE_MODES, cell.cache),
    medium: str(cell.medium),
    bus: str(cell.bus),
    iothread: bool(cell.iothread),
    protocol: str(cell['x:protocol']),
  };
}

/** The policy environment of a record. */
export function envFromRecord(r: ResultRecord): CellEnvironment {
  return {
    source: r.source,
    storage: r.storage,
    fs: r.fs,
    format: r.format,
    prealloc: r.prealloc,
    cache: r.cache,
    medium: r.medium,
    bus: r.bus,
    iothread: r.iothread,
    protocol: r.extra.protocol ?? null,
  };
}

export interface EvaluatedGroup {
  env: CellEnvironment;
  comparisons: CellComparison[];
  decision: PolicyDecision;
}

type Leaf = { group: EvaluatedGroup; index: number }[];
type Trie = Map<string, Trie | Leaf>;

function child(node: Trie, value: string | undefined): Trie {
  const v = value ?? '';
  let n = node.get(v) as Trie | undefined;
  if (!n) {
    n = new Map();
    node.set(v, n);
  }
  return n;
}

/** The hint of a comparison along aio (its modes and flag policy), or undefined for other axes. */
export function hintOf(comparison: Comparison): EvidenceHint | undefined {
  const { axis, baseline, candidate, excludeFlagged } = comparison.spec;
  if (axis !== 'aio' || !isAio(baseline) || !isAio(candidate)) return undefined;
  return { baseline, candidate, excludeFlagged };
}

/**
 * One decision per policy environment of the cells, from that environment's comparisons.
 * Pass the whole Comparison (from compare()) when you have it: its spec tells the modes of both
 * sides, so records need not be read (much faster on large sets).
 * @returns the groups (first-seen order) and, parallel to the cells, each cell's group index.
 */
export function evaluateComparisons(
  input: readonly CellComparison[] | Comparison,
  host: HostProfile,
  lang: Lang = 'en',
): { groups: EvaluatedGroup[]; groupOf: Int32Array } {
  const isComparison = !Array.isArray(input);
  const cells: readonly CellComparison[] = isComparison
    ? (input as Comparison).cells
    : (input as readonly CellComparison[]);
  const hint = isComparison ? hintOf(input as Comparison) : undefined;
  const root: Trie = new Map();
  const groups: EvaluatedGroup[] = [];
  const groupOf = new Int32Array(cells.length);
  let prev: Readonly<Record<string, string>> | null = null;
  let prevEntry: Leaf[number] | undefined;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    const cl = c.cell;
    // compare() sorts cells by their values and the policy fields come first in its key, so
    // neighbours usually share an environment: then no trie walk at all.
    if (
      prev !== null &&
      prevEntry !== undefined &&
      cl.storage === prev.storage &&
      cl.source === prev.source &&
      cl.fs === prev.fs &&
      cl.format === prev.format &&
      cl.prealloc === prev.prealloc &&
      cl.cache === prev.cache &&
      cl.medium === prev.medium &&
      cl.bus === prev.bus &&
      cl.iothread === prev.iothread &&
      cl['x:protocol'] === prev['x:protocol']
    ) {
      prevEntry.group.comparisons.push(c);
      groupOf[i] = prevEntry.index;
      continue;
    }
    // Literal property reads in trie order (POLICY_FIELDS), no array per cell.
    let node = child(root, cl.storage);
    node = child(node, cl.source);
    node = child(node, cl.fs);
    node = child(node, cl.format);
    node = child(node, cl.prealloc);
    node = child(node, cl.cache);
    node = child(node, cl.medium);
    node = child(node, cl.bus);
    const lv = cl.iothread ?? '';
    let leaf = node.get(lv) as Leaf | undefined;
    if (!leaf) {
      leaf = [];
      node.set(lv, leaf);
    }
    // x:protocol is rare: cells that carry one are split within the leaf.
    const protocol = cl['x:protocol'] ?? '';
    let entry =
      leaf.length === 1 && protocol === '' && leaf[0]!.group.env.protocol === null
        ? leaf[0]
        : leaf.find((x) => (x.group.env.protocol ?? '') === protocol);
    if (!entry) {
      // The decision is filled in below, once all of the group's comparisons are known.
      entry = {
        group: {
          env: envFromCell(cl),
          comparisons: [],
          decision: undefined as unknown as PolicyDecision,
        },
        index: groups.length,
      };
      leaf.push(entry);
      groups.push(entry.group);
    }
    entry.group.comparisons.push(c);
    groupOf[i] = entry.index;
    prev = cl;
    prevEntry = entry;
  }
  for (const g of groups)
    g.decision = hint
      ? recommendWith(g.env, host, g.comparisons, hint)
      : recommend(g.env, host, g.comparisons, lang);
  return { groups, groupOf };
}

// ── The report matrix ───────────────────────────────────────────────────────────────────────

export interface MatrixRow {
  storage: string;
  medium: string;
  /** Preallocation as shown: block sources without one show 'n/a' (it does not apply). */
  prealloc: string;
  env: CellEnvironment;
  decision: PolicyDecision;
  records: number;
  /** Records with a data-quality flag (incomplete, sparse-read, unit-suspect, failed-run). */
  flagged: number;
  incomplete: number;
  comparisons: CellComparison[];
  /** Comparisons decided on one run per side. */
  singleRun: number;
  /** No comparison with usable data on both sides: nothing measured supports the decision. */
  gap: boolean;
}

const mostCommon = <T>(values: readonly T[]): T | null => {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) {
      best = v;
      bestN = n;
    }
  }
  return best;
};

const shownPrealloc = (source: string | null, prealloc: string | null): string =>
  prealloc ?? (source === 'block' ? 'n/a' : '');

/**
 * The recommendation matrix of a data set: one row per (storage, medium, preallocation) of its
 * guest-layer records, with the decision from all that row's comparisons (any bus, pre-written
 * or not, any workload) and its data-quality facts. Rows are sorted by storage, medium, prealloc.
 */
export function buildMatrix(
  records: readonly ResultRecord[],
  comparisons: readonly CellComparison[],
  host: HostProfile,
  lang: Lang = 'en',
): MatrixRow[] {
  const rows = new Map<
    string,
    {
      storage: string;
      medium: string;
      prealloc: string;
      recs: ResultRecord[];
      comps: CellComparison[];
    }
  >();
  const keyOf = (storage: string, medium: string, prealloc: string) =>
    `${storage}\u0001${medium}\u0001${prealloc}`;
  for (const r of records) {
    if (r.layer === 'host') continue;
    const storage = r.storage ?? '';
    const medium = r.medium ?? '';
    const prealloc = shownPrealloc(r.source, r.prealloc);
    const k = keyOf(storage, medium, prealloc);
    let row = rows.get(k);
    if (!row) {
      row = { storage, medium, prealloc, recs: [], comps: [] };
      rows.set(k, row);
    }
    row.recs.push(r);
  }
  for (const c of comparisons) {
    const prealloc = shownPrealloc(str(c.cell.source), str(c.cell.prealloc));
    const row = rows.get(keyOf(c.cell.storage ?? '', c.cell.medium ?? '', prealloc));
    if (row) row.comps.push(c);
  }
  const out: MatrixRow[] = [];
  for (const row of rows.values()) {
    const recs = row.recs;
    const env: CellEnvironment = {
      source: mostCommon(recs.map((r) => r.source)),
      storage: row.storage || null,
      fs: mostCommon(recs.map((r) => r.fs)),
      format: mostCommon(recs.map((r) => r.format)),
      prealloc: oneOf(PREALLOCS, row.prealloc),
      cache: mostCommon(recs.map((r) => r.cache)),
      medium: row.medium || null,
      bus: null,
      iothread: mostCommon(recs.map((r) => r.iothread)),
    };
    const usable = row.comps.filter((c) => c.baseline.n > 0 && c.candidate.n > 0);
    out.push({
      storage: row.storage,
      medium: row.medium,
      prealloc: row.prealloc,
      env,
      decision: recommend(env, host, row.comps, lang),
      records: recs.length,
      flagged: recs.filter((r) => r.flags.length > 0).length,
      incomplete: recs.filter((r) => r.flags.includes('incomplete')).length,
      comparisons: row.comps,
      singleRun: usable.filter((c) => DELTA_METRICS.some((m) => deltaOf(c, m)?.singleRun)).length,
      gap: usable.length === 0,
    });
  }
  const cmp = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return out.sort(
    (a, b) => cmp(a.storage, b.storage) || cmp(a.medium, b.medium) || cmp(a.prealloc, b.prealloc),
  );
}
