/**
 * Row conversion shared by every tabular input (CSV/TSV, JSON records, markdown): one data row
 * to one record along a column plan (table.plan.ts), plus the derivations and `--label` facts
 * every importer applies. Re-exports the planning API so importers keep one import path.
 */
import type { ResultRecord } from '../model/record.types';
import { emptyRecord, NO_EXTRA, setExtra } from './record.build';
import type { StringPool } from './string.pool';
import { GLOBAL_POOL } from './string.pool';
import type { TableField } from './vocab';
import { DEFAULT_UNIT } from './vocab';
import { storageDefaults } from './vocab.values';
import { setField, setFieldByCode, CODE } from './vocab.set-field';
import type { ColumnPlan } from './table.plan';
import { MAX_COLUMNS } from './table.plan';

export type { ColumnPlan, PlanOptions } from './table.plan';
export { MAX_COLUMNS, planColumns, planHasMetric } from './table.plan';

// Module-local aliases of the per-cell functions: bundlers and loaders that wrap imports in
// getters (tsx, vitest) would otherwise pay a property lookup per cell.
const setCell = setFieldByCode;
const newRecord = emptyRecord;

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

/** Copies the environment fields of ENV_CODES in table.plan.ts (written out: monomorphic loads and stores). */
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
