/**
 * Attaches fio log files to the records of their jobs (issue 15), the same way in the worker and
 * the command line: a log `dir/PREFIX_KIND.N.log` belongs to the record read from a fio JSON file
 * in the same folder `dir` of the same load whose job names PREFIX (its job name or a
 * write_*_log value); when several records do, the one whose fio job numbers hold N. A log that
 * matches no job — or several — or cannot be read is reported, never dropped silently, and it
 * is never a rejected row of a result file: it has no rows.
 */
import type { ResultRecord } from '../model/record.types';
import type { TimeSeries } from '../model/tail.types';
import { parseFioLog, parseLogName } from './fio-log';

/** A log file of the load: its path relative to the set's folder (like a record's origin). */
export interface LogInput {
  path: string;
  text: string;
}

export interface AttachReport {
  /** Logs attached: path → origin of the record. */
  attached: { path: string; origin: string; points: number }[];
  /** Logs not attached, with the reason (a note for the user). */
  unmatched: { path: string; reason: string }[];
}

const folderOf = (file: string): string => {
  const slash = file.lastIndexOf('/');
  return slash >= 0 ? file.slice(0, slash) : '';
};

/** The file part of an origin (`dir/run.json#jobs[0]` → `dir/run.json`). */
const originFile = (origin: string): string => {
  const hash = origin.lastIndexOf('#');
  return hash >= 0 ? origin.slice(0, hash) : origin;
};

/** One line for the user about a log that was not attached. */
export const unmatchedNote = (u: { path: string; reason: string }): string =>
  `${u.path}: fio log not attached: ${u.reason}`;

/**
 * Attaches `logs` to `records` (sets each matched record's `tail` to a new tail with the series
 * added, in log path order). Records without a fio job key are never matched.
 */
export function attachLogs(
  records: readonly ResultRecord[],
  logs: readonly LogInput[],
): AttachReport {
  const report: AttachReport = { attached: [], unmatched: [] };
  if (logs.length === 0) return report;
  // folder → log prefix → the records of that folder whose job has the prefix (record order).
  const byFolder = new Map<string, Map<string, ResultRecord[]>>();
  for (const r of records) {
    if (!r.tail?.fioJob) continue;
    const folder = folderOf(originFile(r.origin));
    let prefixes = byFolder.get(folder);
    if (!prefixes) byFolder.set(folder, (prefixes = new Map<string, ResultRecord[]>()));
    for (const prefix of new Set(r.tail.fioJob.logPrefixes)) {
      const list = prefixes.get(prefix);
      if (list) list.push(r);
      else prefixes.set(prefix, [r]);
    }
  }
  const added = new Map<ResultRecord, TimeSeries[]>();
  const sorted = [...logs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const log of sorted) {
    const name = parseLogName(log.path);
    if (!name) {
      report.unmatched.push({ path: log.path, reason: 'not a fio log file name' });
      continue;
    }
    let match: readonly ResultRecord[] = byFolder.get(name.folder)?.get(name.prefix) ?? [];
    if (match.length > 1 && name.jobNumber !== null)
      match = match.filter((r) => r.tail!.fioJob!.jobNumbers.includes(name.jobNumber!));
    if (match.length !== 1) {
      const where = name.folder === '' ? 'the top folder' : `folder ${name.folder}`;
      report.unmatched.push({
        path: log.path,
        reason:
          match.length === 0
            ? `no fio job named '${name.prefix}' (job name or write_*_log) in a fio JSON file of ${where}`
            : `${match.length} fio jobs in ${where} could own it (${match.map((r) => r.origin).join(', ')})`,
      });
      continue;
    }
    const record = match[0]!;
    const job = record.tail!.fioJob!;
    const parsed = parseFioLog(log.text, {
      kind: name.kind,
      file: log.path,
      latencyNs: job.latencyNs,
      avgMs: job.logAvgMs,
    });
    if (!parsed.ok) {
      report.unmatched.push({ path: log.path, reason: parsed.reason });
      continue;
    }
    const list = added.get(record);
    if (list) list.push(parsed.value);
    else added.set(record, [parsed.value]);
    report.attached.push({
      path: log.path,
      origin: record.origin,
      points: parsed.value.tMs.length,
    });
  }
  for (const [record, series] of added) {
    const tail = record.tail!;
    record.tail = { ...tail, series: [...tail.series, ...series] };
  }
  return report;
}
