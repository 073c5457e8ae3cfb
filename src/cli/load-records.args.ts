/**
 * The options every command that reads files takes (--set, --set-per-file, --label, --map): their
 * synopsis and help text, reading them one by one, and checking them together.
 */
import { parseLabels } from '../core/ingest/ingest';
import { parseColumnMap } from '../core/ingest/column-map';
import type { ColumnMap } from '../core/ingest/column-map';
import type { OptionAnswer } from './args';

/** The options every command that reads files takes. */
export interface LoadArgs {
  /** --set NAME: every file in one set of that name. */
  set?: string;
  /** --set-per-file: one set per file. */
  perFile: boolean;
  /** --label KEY=VALUE facts, applied to every record. */
  labels: Record<string, string>;
  /** --map HEADER=FIELD specs, in the order given. */
  maps: string[];
  /** The specs parsed (by checkLoadArgs). */
  map?: ColumnMap;
}

export const newLoadArgs = (): LoadArgs => ({ perFile: false, labels: {}, maps: [] });

/** The synopsis of the shared options, for each command's usage line. */
export const LOAD_SYNOPSIS =
  '[--set NAME | --set-per-file] [--label KEY=VALUE]... [--map HEADER=FIELD]...';

/** What the shared options do, for each command's --help. */
export const LOAD_HELP = `  FILE|DIR: result files (CSV/TSV, JSON records, fio JSON, markdown tables); a directory is read
  recursively (names starting with '.' are skipped). Result sets follow the load: every folder that
  directly holds files is one set named after it (same-named folders get the shortest path suffix
  that tells them apart, e.g. IBM_M1015/SAMSUNG_PM883); file arguments together form one set named
  after their common folder (a single file: after itself); a file with its own set column keeps it.
  --set NAME puts everything in one set; --set-per-file gives one set per file. A set whose files
  are identical to a set already loaded is reported and not added.
  --label KEY=VALUE sets a field (or extra column) on every record; --map HEADER=FIELD (repeatable)
  says which field a column of a table file is (HEADER= ignores it, HEADER=x:NAME keeps it as extra
  column NAME). How each column was mapped, unless its header names the field exactly, is on stderr:
  FILE: column "Backend" → aio (values threads, native, io_uring).`;

/**
 * Reads one of the shared options into `a`: the OptionAnswer of readArgs (true: taken, false:
 * not a shared option, string: usage error).
 */
export function readLoadOption(
  a: LoadArgs,
  name: string,
  value: () => string | null,
): OptionAnswer {
  switch (name) {
    case '--set': {
      const v = value()?.trim();
      if (!v) return '--set needs a name';
      a.set = v;
      return true;
    }
    case '--set-per-file':
      a.perFile = true;
      return true;
    case '--label': {
      const v = value();
      const k = v?.indexOf('=') ?? -1;
      if (!v || k <= 0) return '--label needs KEY=VALUE';
      a.labels[v.slice(0, k).trim()] = v.slice(k + 1).trim();
      return true;
    }
    case '--map': {
      const v = value();
      if (!v) return '--map needs HEADER=FIELD';
      a.maps.push(v); // checked by checkLoadArgs (parseColumnMap)
      return true;
    }
    default:
      return false;
  }
}

/** Checks the shared options together and parses --map into `a.map`; a usage error, or null. */
export function checkLoadArgs(a: LoadArgs): string | null {
  if (a.set !== undefined && a.perFile) return '--set and --set-per-file exclude each other';
  const labels = parseLabels(a.labels);
  if (!labels.ok) return labels.reason;
  if (a.maps.length > 0) {
    const map = parseColumnMap(a.maps);
    if (!map.ok) return map.reason;
    a.map = map.value;
  }
  return null;
}
