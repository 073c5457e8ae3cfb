/**
 * Column planning shared by every tabular input (CSV/TSV, JSON records, markdown): which field
 * each column sets. Headers are matched by vocabulary; when a header disagrees with the values
 * below it (wiki exports whose header row is shifted against the data), the header labels are
 * re-aligned to the columns by a small sequence alignment that trusts what the values look like.
 */
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import { detach } from './string.pool';
import type { Assignment } from './table.align';
import { fit, inferField, realignLabels } from './table.align';
import type { ColumnChoice, ColumnInference, ColumnMap } from './column-map';
import { describeInference } from './column-describe';
import type { ColumnUnit, TableField } from './vocab';
import type { HeaderMatch } from './vocab.headers';
import { DEFAULT_UNIT, normalizeLabel } from './vocab';
import { isNullMarker, VALUE_FIELDS, valueField } from './vocab.values';
import { matchHeader } from './vocab.headers';
import { FIELD_CODE } from './vocab.set-field';

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
    realignLabels(labels, matches, values, ncols, assign, notes);
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

/** Fields a table column sets without side effects on metrics or provenance (copied as a block). */
const ENV_CODES: ReadonlySet<TableField> = new Set<TableField>([
  ...ENVIRONMENT_FIELDS,
  'runtime_s',
  'host_kernel',
  'qemu',
  'libvirt',
]);
