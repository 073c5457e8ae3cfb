/**
 * Column planning and row conversion shared by every tabular input (CSV/TSV, JSON records,
 * markdown). Headers are matched by vocabulary; when a header disagrees with the values below it
 * (wiki exports whose header row is shifted against the data), the header labels are re-aligned
 * to the columns by a small sequence alignment that trusts what the values look like.
 */
import type { ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import { emptyRecord, NO_EXTRA, setExtra } from './record.build';
import type { StringPool } from './string.pool';
import { detach, GLOBAL_POOL } from './string.pool';
import type { ColumnChoice, ColumnInference, ColumnMap } from './column-map';
import { describeInference } from './column-describe';
import type { ColumnUnit, TableField } from './vocab';
import type { HeaderMatch } from './vocab.headers';
import { DEFAULT_UNIT, normalizeLabel } from './vocab';
import {
  isKnownBus,
  isKnownMedium,
  isNullMarker,
  parseRw,
  storageDefaults,
  VALUE_FIELDS,
  valueField,
} from './vocab.values';
import { matchHeader } from './vocab.headers';
import { setField, setFieldByCode, FIELD_CODE, CODE } from './vocab.set-field';
import { hasTimeUnit } from './units.parse';

// Module-local aliases of the per-cell functions: bundlers and loaders that wrap imports in
// getters (tsx, vitest) would otherwise pay a property lookup per cell.
const setCell = setFieldByCode;
const newRecord = emptyRecord;

export interface ColumnPlan {
  index: number;
  field: TableField | null;
  /** FIELD_CODE of `field` (-1 for extra columns). */
  code: number;
  /** The field is an environment fact that repeats across a cell's rows (see convertRow). */
  env: boolean;
  /** Name of the extra column when `field` is null (null: ignore the column, it is empty). */
  extraName: string | null;
  unit: ColumnUnit;
}

const SAMPLE_ROWS = 200;
/** Widest table accepted: wider rows are not result tables (and would make planning quadratic). */
export const MAX_COLUMNS = 512;
/** Header/column counts up to which a shifted header is re-aligned (wiki tables are small). */
const ALIGN_LIMIT = 64;

function columnValues(sample: readonly (readonly string[])[], j: number): string[] {
  const out: string[] = [];
  for (const row of sample) {
    const v = (row[j] ?? '').trim();
    if (v !== '' && !isNullMarker(v)) out.push(v);
  }
  return out;
}

/** Share of the column's values that parse as `field` (1 for an empty column). */
function fit(field: TableField, values: readonly string[], unit: ColumnUnit): number {
  if (values.length === 0) return 1;
  let good = 0;
  for (const v of values) {
    const scratch = emptyRecord('', '');
    if (setField(scratch, field, v, unit) === null) good++;
  }
  return good / values.length;
}

/** A field recognisable from the values alone (for a column the header does not name). */
function inferField(values: readonly string[]): TableField | null {
  if (values.length === 0) return null;
  if (values.every((v) => parseRw(v) !== null)) return 'rw';
  if (values.every((v) => hasTimeUnit(v))) return 'lat_mean_us';
  if (values.every((v) => isKnownMedium(v))) return 'medium';
  if (values.every((v) => isKnownBus(v))) return 'bus';
  return null;
}

/** Up to 5 distinct values of a column, for reports and the mapping dialog. */
function sampleValues(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (out.length >= 5) break;
    const t = v.length > 40 ? `${v.slice(0, 39)}…` : v;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

const VALUE_FIELD_SET: ReadonlySet<TableField> = new Set(VALUE_FIELDS);

/** Options of planColumns. */
export interface PlanOptions {
  /** Explicit mapping by header (IngestOptions.map). */
  map?: ColumnMap;
  /** Receives how each column was mapped (and inferred mappings are noted in `notes`). */
  inferences?: ColumnInference[];
}

/** Lookup of a ColumnMap by header, case-insensitive and trimmed (null when unmapped). */
function mapLookup(map: ColumnMap | undefined): (header: string) => ColumnChoice | null {
  if (map === undefined) return () => null;
  const byKey = new Map<string, ColumnChoice>();
  for (const [h, c] of Object.entries(map)) byKey.set(h.trim().toLowerCase(), c);
  if (byKey.size === 0) return () => null;
  return (header) => byKey.get(header.trim().toLowerCase()) ?? null;
}

/** Which header label (index into the labels) a column got, if any. */
interface Assignment {
  label: number | null;
}

/**
 * Plans how each column maps to a field.
 * @param headerRows header rows, most specific last (group rows before it fill empty labels)
 * @param sample first data rows, used to check the header against the values
 */
export function planColumns(
  headerRows: readonly (readonly string[])[],
  sample: readonly (readonly string[])[],
  notes: string[],
  opts: PlanOptions = {},
): ColumnPlan[] {
  const explicit = mapLookup(opts.map);
  const last = headerRows[headerRows.length - 1] ?? [];
  if (last.length > MAX_COLUMNS)
    notes.push(`header has ${last.length} cells: only the first ${MAX_COLUMNS} are used`);
  const labels: string[] = last.slice(0, MAX_COLUMNS).map((l, j) => {
    let label = l.trim();
    for (let k = headerRows.length - 2; label === '' && k >= 0; k--)
      label = (headerRows[k]?.[j] ?? '').trim();
    return label;
  });
  const rows = sample.length > SAMPLE_ROWS ? sample.slice(0, SAMPLE_ROWS) : sample;
  let ncols = labels.length;
  for (const r of rows) if (r.length > ncols) ncols = r.length;
  if (ncols > MAX_COLUMNS) ncols = MAX_COLUMNS;
  const values: string[][] = [];
  for (let j = 0; j < ncols; j++) values.push(columnValues(rows, j));
  const matches: HeaderMatch[] = labels.map(matchHeader);
  // How each label names its field: explicit (the user's map), exact, synonym, or by values.
  const hows: ColumnInference['how'][] = labels.map((l, i) =>
    matches[i]!.field === null
      ? 'unknown'
      : normalizeLabel(l) === normalizeLabel(matches[i]!.field)
        ? 'exact'
        : 'synonym',
  );
  const choices: (ColumnChoice | null)[] = labels.map((l) => (l === '' ? null : explicit(l)));
  for (let i = 0; i < labels.length; i++) {
    const c = choices[i];
    if (c === null || c === undefined) continue;
    // The header's unit ("Avg lat (ms)") still applies when the user maps it to that field.
    const own = matchHeader(labels[i]!);
    matches[i] =
      c.kind === 'field'
        ? { field: c.field, unit: own.field === c.field ? own.unit : DEFAULT_UNIT }
        : { field: null, unit: DEFAULT_UNIT };
    hows[i] = 'explicit';
  }
  // Fields a header names by its own words: a column found by its values never takes them.
  const named = new Set<TableField>();
  for (let i = 0; i < labels.length; i++) {
    const f = matches[i]!.field;
    if (f !== null) named.add(f);
  }
  // A vocabulary word that means something else here ("Mode", "Backend", "Engine" over
  // threads/native/io_uring): every value belongs to another enum field no header names.
  for (let i = 0; i < labels.length && i < ncols; i++) {
    const m = matches[i]!;
    if (hows[i] !== 'synonym' || m.field === null) continue;
    const g = valueField(values[i]!);
    if (g === null || g === m.field || named.has(g)) continue;
    if (
      VALUE_FIELD_SET.has(m.field) ? fit(m.field, values[i]!, m.unit) >= 1 : m.field !== 'ioengine'
    )
      continue;
    named.delete(m.field);
    named.add(g);
    matches[i] = { field: g, unit: DEFAULT_UNIT };
    hows[i] = 'values';
  }

  // Identity mapping first; alignment only when some named column contradicts its values.
  let conflict = false;
  for (let j = 0; j < labels.length; j++) {
    const m = matches[j]!;
    if (m.field !== null && fit(m.field, values[j]!, m.unit) < 0.5) conflict = true;
  }
  const assign: Assignment[] = [];
  for (let j = 0; j < ncols; j++) assign.push({ label: j < labels.length ? j : null });

  if (conflict && (labels.length > ALIGN_LIMIT || ncols > ALIGN_LIMIT)) {
    notes.push(
      'some header labels disagree with their values; the table is too wide to re-align them',
    );
    conflict = false;
  }
  if (conflict) {
    const n = labels.length;
    const m = ncols;
    // score[i][j]: best alignment of labels[0..i) with columns[0..j).
    const score: number[][] = [];
    const back: number[][] = [];
    for (let i = 0; i <= n; i++) {
      score.push(new Array<number>(m + 1).fill(-Infinity));
      back.push(new Array<number>(m + 1).fill(0));
    }
    score[0]![0] = 0;
    const fitCache = new Map<string, number>();
    const inferCache = new Map<number, boolean>();
    const inferable = (j: number): boolean => {
      let v = inferCache.get(j);
      if (v === undefined) {
        v = inferField(values[j]!) !== null;
        inferCache.set(j, v);
      }
      return v;
    };
    const pair = (i: number, j: number): number => {
      const mt = matches[i]!;
      const vals = values[j]!;
      if (mt.field === null) return labels[i] === '' ? (vals.length === 0 ? 0.5 : -1) : 0;
      if (vals.length === 0) return 0.5;
      const ck = `${mt.field}\u0001${mt.unit.latPow}\u0001${mt.unit.bwMult}\u0001${j}`;
      let f = fitCache.get(ck);
      if (f === undefined) {
        f = fit(mt.field, vals, mt.unit);
        fitCache.set(ck, f);
      }
      return f >= 0.8 ? 3 : f >= 0.5 ? 1 : -6;
    };
    const skipLabel = (i: number): number => (labels[i] === '' ? 0 : -2);
    const skipColumn = (j: number): number =>
      values[j]!.length === 0 ? 0 : inferable(j) ? -0.5 : -3;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= m; j++) {
        const cur = score[i]![j]!;
        if (cur === -Infinity) continue;
        if (i < n && j < m) {
          const s = cur + pair(i, j);
          if (s > score[i + 1]![j + 1]!) {
            score[i + 1]![j + 1] = s;
            back[i + 1]![j + 1] = 0;
          }
        }
        if (i < n) {
          const s = cur + skipLabel(i);
          if (s > score[i + 1]![j]!) {
            score[i + 1]![j] = s;
            back[i + 1]![j] = 1;
          }
        }
        if (j < m) {
          const s = cur + skipColumn(j);
          if (s > score[i]![j + 1]!) {
            score[i]![j + 1] = s;
            back[i]![j + 1] = 2;
          }
        }
      }
    }
    for (const a of assign) a.label = null;
    let i = n;
    let j = m;
    while (i > 0 || j > 0) {
      const b = back[i]![j]!;
      if (b === 0) {
        assign[j - 1]!.label = i - 1;
        i--;
        j--;
      } else if (b === 1) i--;
      else j--;
    }
    notes.push(
      `header labels re-aligned to the values: ${assign.map((a, k) => `column ${k + 1}=${a.label === null ? '?' : labels[a.label] || '(blank)'}`).join(', ')}`,
    );
  }

  const used = new Set<TableField>();
  // Explicit fields first: a column the user mapped to a field keeps it against a header.
  for (let j = 0; j < ncols; j++) {
    const li = assign[j]!.label;
    if (li !== null && hows[li] === 'explicit' && matches[li]!.field !== null)
      used.add(matches[li]!.field);
  }
  // Columns no header names: those whose values all belong to one field no header names.
  const byValues = new Map<number, TableField>();
  const claims = new Map<TableField, number>();
  for (let j = 0; j < ncols; j++) {
    const li = assign[j]!.label;
    if (li !== null && (matches[li]!.field !== null || choices[li] !== null)) continue;
    const f: TableField | null =
      li === null || labels[li] === ''
        ? (inferField(values[j]!) ?? valueField(values[j]!))
        : valueField(values[j]!);
    if (f === null || named.has(f) || used.has(f)) continue;
    claims.set(f, (claims.get(f) ?? 0) + 1);
    byValues.set(j, f);
  }
  const plan: ColumnPlan[] = [];
  const inferences: ColumnInference[] = [];
  for (let j = 0; j < ncols; j++) {
    const li = assign[j]!.label;
    const m = li === null ? null : matches[li]!;
    const label = li === null ? '' : labels[li]!;
    const choice = li === null ? null : choices[li]!;
    let how: ColumnInference['how'] = li === null ? 'unknown' : hows[li]!;
    let field = m?.field ?? null;
    let unit = m?.unit ?? DEFAULT_UNIT;
    if (field !== null && how !== 'explicit' && used.has(field)) {
      notes.push(`column ${j + 1} ('${label}') repeats ${field}: kept as an extra column`);
      field = null;
      how = 'unknown';
    }
    if (field === null && choice === null) {
      const inferred = byValues.get(j);
      if (inferred !== undefined && claims.get(inferred) === 1) {
        field = inferred;
        unit = DEFAULT_UNIT;
        how = 'values';
      } else if (inferred !== undefined)
        notes.push(
          `column ${j + 1} ('${label}') looks like ${inferred}, as does another column: kept as an extra column`,
        );
    }
    let entry: ColumnPlan;
    if (field !== null) {
      used.add(field);
      entry = {
        index: j,
        field,
        code: FIELD_CODE[field],
        env: ENV_CODES.has(field),
        extraName: null,
        unit,
      };
    } else if (choice?.kind === 'ignore' || (label === '' && values[j]!.length === 0)) {
      entry = { index: j, field: null, code: -1, env: false, extraName: null, unit };
    } else {
      entry = {
        index: j,
        field: null,
        code: -1,
        env: false,
        // An unmapped column is an extra column under its header as written (never renamed).
        extraName: choice?.kind === 'extra' ? choice.name : label === '' ? `column${j + 1}` : label,
        unit,
      };
    }
    plan.push(entry);
    if (opts.inferences) {
      const c: ColumnChoice =
        entry.field !== null
          ? { kind: 'field', field: entry.field }
          : entry.extraName !== null
            ? { kind: 'extra', name: entry.extraName }
            : { kind: 'ignore' };
      // A column the re-alignment left without a label reports the header cell above it as
      // written (in a shifted wiki table, that cell names the neighbouring column).
      const own = (li !== null ? labels[li] : labels[j]) ?? '';
      inferences.push({ column: j, header: own, choice: c, how, values: sampleValues(values[j]!) });
    }
  }
  // Extra column names must be unique and must not shadow canonical names. Flat copies: a
  // header cell is a slice of the file's first chunk, and records keep these names as keys.
  // '__proto__' cannot be an own key of a plain object: such a header is the one name changed.
  const names = new Set<string>(['__proto__']);
  for (const p of plan) {
    if (p.extraName === null) continue;
    let name = p.extraName;
    for (let k = 2; names.has(name); k++) name = `${p.extraName}_${k}`;
    if (p.extraName === '__proto__')
      notes.push(`column ${p.index + 1} ('__proto__') kept as extra column '${name}'`);
    p.extraName = detach(name);
    names.add(name);
  }
  const unknown = plan.filter((p) => p.extraName !== null).map((p) => p.extraName);
  if (unknown.length > 0)
    notes.push(`${unknown.length} unknown column(s) kept as extra: ${unknown.join(', ')}`);
  if (opts.inferences) {
    for (let k = 0; k < inferences.length; k++) {
      const inf = inferences[k]!;
      // The extra name as finally made unique.
      if (inf.choice.kind === 'extra') inf.choice = { kind: 'extra', name: plan[k]!.extraName! };
      opts.inferences.push(inf);
      if (inf.how === 'synonym' || inf.how === 'values') notes.push(describeInference(inf));
    }
  }
  return plan;
}

/** Fields set by the plan: true when the plan maps at least one metric column. */
export function planHasMetric(plan: readonly ColumnPlan[]): boolean {
  return plan.some(
    (p) =>
      p.field === 'iops' ||
      p.field === 'iops_total' ||
      p.field === 'lat_mean_us' ||
      p.field === 'lat_p99_us' ||
      p.field === 'bw_kib_s' ||
      p.field === 'lat_p999_us' ||
      p.field === 'lat_max_us' ||
      p.field === 'cpu_us_per_io',
  );
}

/**
 * Outcome of converting one row: the filled record, null for a row with nothing in it, or the
 * reason it is unusable (a string). No wrapper object: this runs once per row of large files.
 */
export type RowOutcome = ResultRecord | string | null;

/**
 * Converts one data row along the plan. Hot path: one record literal, one switch per cell.
 * Strings are stored as `pool`'s shared flat copies, and the row's `extra` as the pool's shared
 * frozen object for those values (string.pool.ts): the record keeps no slice of `cells`.
 */
export function convertRow(
  plan: readonly ColumnPlan[],
  cells: readonly string[],
  set: string,
  origin: string,
  prevCells: readonly string[] | null = null,
  prevRec: ResultRecord | null = null,
  planSplit: PlanSplit | null = null,
  pool: StringPool = GLOBAL_POOL,
): RowOutcome {
  if (cells.length > MAX_COLUMNS)
    return `row has ${cells.length} cells: more than ${MAX_COLUMNS} columns is not a result table row`;
  const rec = newRecord(set, origin);
  // Result files list repeats of a cell one after another: when every environment cell equals
  // the previous row's, the previous record's environment is copied instead of re-parsed.
  const split = planSplit ?? splitPlan(plan);
  let copied = false;
  if (prevRec !== null && prevCells !== null && prevCells.length === cells.length) {
    copied = true;
    const env = split.env;
    for (let k = 0; k < env.length; k++) {
      const i = env[k]!.index;
      if (cells[i] !== prevCells[i]) {
        copied = false;
        break;
      }
    }
    if (copied) copyEnvironment(prevRec, rec);
  }
  const cols = copied ? split.other : plan;
  let filled = 0;
  for (let k = 0; k < cols.length; k++) {
    const p = cols[k]!;
    const cell = cells[p.index];
    if (cell === undefined || cell === '') continue;
    if (p.field !== null) {
      filled++;
      // Same text as the previous row in this environment column: take its parsed value.
      if (
        p.env &&
        prevRec !== null &&
        prevCells !== null &&
        cell === prevCells[p.index] &&
        copyField(prevRec, rec, p.code)
      )
        continue;
      const err = setCell(rec, p.code, p.field, cell, p.unit, pool);
      if (err !== null) return err;
    } else if (p.extraName !== null) {
      const v = cell.trim();
      if (v !== '') {
        // rec.extra is the shared frozen NO_EXTRA or this row's own object (setExtra's check, inline).
        if (rec.extra === NO_EXTRA) rec.extra = {};
        rec.extra[p.extraName] = pool.extraValue(p.extraName, v);
        filled++;
      }
    }
  }
  // Cells beyond the planned columns are data the header does not name: keep them.
  for (let j = plan.length; j < cells.length; j++) {
    const v = (cells[j] ?? '').trim();
    if (v !== '') {
      const key = `column${j + 1}`;
      setExtra(rec, key, pool.extraValue(key, v));
      filled++;
    }
  }
  // A copied environment counts when its cells are not all empty.
  if (filled === 0 && !(copied && prevEnvFilled(split.env, cells))) return null;
  if (rec.extra !== NO_EXTRA) rec.extra = pool.shareExtra(rec.extra);
  return rec;
}

/** A plan's environment columns and the others (see convertRow). */
export interface PlanSplit {
  env: ColumnPlan[];
  other: ColumnPlan[];
}
const splitCache = new WeakMap<readonly ColumnPlan[], PlanSplit>();

/** The environment/other split of a plan (cached per plan). */
export function splitPlan(plan: readonly ColumnPlan[]): PlanSplit {
  let split = splitCache.get(plan);
  if (split === undefined) {
    split = { env: plan.filter((p) => p.env), other: plan.filter((p) => !p.env) };
    splitCache.set(plan, split);
  }
  return split;
}

function prevEnvFilled(env: readonly ColumnPlan[], cells: readonly string[]): boolean {
  for (let k = 0; k < env.length; k++) if (cells[env[k]!.index] !== '') return true;
  return false;
}

/** Fields a table column sets without side effects on metrics or provenance (copied as a block). */
const ENV_CODES: ReadonlySet<TableField> = new Set<TableField>([
  ...ENVIRONMENT_FIELDS,
  'runtime_s',
  'host_kernel',
  'qemu',
  'libvirt',
]);

/** Copies one environment field (by FIELD_CODE) from the previous row's record; false if it cannot. */
function copyField(from: ResultRecord, to: ResultRecord, code: number): boolean {
  switch (code) {
    case CODE.set:
      to.set = from.set;
      return true;
    case CODE.storage:
      to.storage = from.storage;
      return true;
    case CODE.source:
      to.source = from.source;
      return true;
    case CODE.fs:
      to.fs = from.fs;
      return true;
    case CODE.medium:
      to.medium = from.medium;
      return true;
    case CODE.format:
      to.format = from.format;
      return true;
    case CODE.prealloc:
      to.prealloc = from.prealloc;
      return true;
    case CODE.cache:
      to.cache = from.cache;
      return true;
    case CODE.aio:
      to.aio = from.aio;
      return true;
    case CODE.bus:
      to.bus = from.bus;
      return true;
    case CODE.iothread:
      to.iothread = from.iothread;
      return true;
    case CODE.prewritten:
      to.prewritten = from.prewritten;
      return true;
    case CODE.vms:
      to.vms = from.vms;
      return true;
    case CODE.layer:
      to.layer = from.layer;
      return true;
    case CODE.bs:
      to.bs = from.bs;
      return true;
    case CODE.iodepth:
      to.iodepth = from.iodepth;
      return true;
    case CODE.numjobs:
      to.numjobs = from.numjobs;
      return true;
    case CODE.ioengine:
      to.ioengine = from.ioengine;
      return true;
    case CODE.runtime_s:
      to.runtime_s = from.runtime_s;
      return true;
    case CODE.host_kernel:
      to.host_kernel = from.host_kernel;
      return true;
    case CODE.qemu:
      to.qemu = from.qemu;
      return true;
    case CODE.libvirt:
      to.libvirt = from.libvirt;
      return true;
  }
  // rw is re-parsed: its text may carry a block size that bs depends on (4K随机读).
  return false;
}

/** Copies the environment fields of ENV_CODES (written out: monomorphic loads and stores). */
function copyEnvironment(from: ResultRecord, to: ResultRecord): void {
  to.set = from.set;
  to.storage = from.storage;
  to.source = from.source;
  to.fs = from.fs;
  to.medium = from.medium;
  to.format = from.format;
  to.prealloc = from.prealloc;
  to.cache = from.cache;
  to.aio = from.aio;
  to.bus = from.bus;
  to.iothread = from.iothread;
  to.prewritten = from.prewritten;
  to.vms = from.vms;
  to.layer = from.layer;
  to.rw = from.rw;
  to.bs = from.bs;
  to.iodepth = from.iodepth;
  to.numjobs = from.numjobs;
  to.ioengine = from.ioengine;
  to.runtime_s = from.runtime_s;
  to.host_kernel = from.host_kernel;
  to.qemu = from.qemu;
  to.libvirt = from.libvirt;
}

const defaultsCache = new Map<string, ReturnType<typeof storageDefaults>>();

/** Derivations every importer applies: source and format from the storage label, vms default. */
export function completeRecord(rec: ResultRecord): void {
  if (rec.storage !== null && (rec.source === null || rec.format === null)) {
    let d = defaultsCache.get(rec.storage);
    if (d === undefined) {
      d = storageDefaults(rec.storage);
      if (defaultsCache.size < 1000) defaultsCache.set(rec.storage, d);
    }
    if (d) {
      if (rec.source === null) rec.source = d.source;
      if (rec.format === null && rec.layer !== 'host') rec.format = d.format;
    }
  }
  if (rec.vms === null && rec.layer === 'guest') rec.vms = 1;
}

/** Applies `--label key=value` facts (they override facts from the file). Unknown keys become extras. */
export function applyLabels(
  rec: ResultRecord,
  labels: readonly (readonly [TableField | null, string, string])[],
): string | null {
  for (const [field, key, value] of labels) {
    if (field === null) {
      setExtra(rec, key, value);
      continue;
    }
    // Clear first so that a label replaces the file's value rather than merging with it.
    if (field === 'flags') rec.flags = [];
    const err = setField(rec, field, value, DEFAULT_UNIT);
    if (err !== null) return `--label ${key}=${value}: ${err}`;
  }
  return null;
}
