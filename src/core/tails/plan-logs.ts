/**
 * Where fio log files go when a load is planned one set per file (browser and CLI).
 */
import type { PlannedSet } from '../sets/sets.types';
import { isFioLogName, parseLogName } from './fio-log';

/**
 * One set per file must not split a fio run from its log files (issue 15): logs attach only to
 * records of their own set. A log (`PREFIX_KIND.N.log`) joins the set of the result file
 * `PREFIX.*` of its folder; a log with no such file keeps its own set, where the load reports it
 * as not attached. Sets left empty are removed (in place).
 */
export function keepLogsWithTheirRun(sets: PlannedSet[]): void {
  const folderOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  const stem = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const runs = new Map<string, PlannedSet>(); // folder + '/' + stem of a result file → its set
  for (const set of sets)
    for (const f of set.files)
      if (!isFioLogName(f.path)) runs.set(`${folderOf(f.path)}/${stem(f.path)}`, set);
  for (const set of sets) {
    const moved = set.files.filter((f) => {
      const log = parseLogName(f.path);
      const run = log ? runs.get(`${folderOf(f.path)}/${log.prefix}`) : undefined;
      if (!run || run === set) return false;
      const base = f.path.slice(f.path.lastIndexOf('/') + 1);
      const target = run.files[0]!.originPath;
      run.files.push({
        path: f.path,
        originPath: folderOf(target) ? `${folderOf(target)}/${base}` : base,
      });
      return true;
    });
    if (moved.length > 0) set.files = set.files.filter((f) => !moved.includes(f));
  }
  for (let i = sets.length - 1; i >= 0; i--) if (sets[i]!.files.length === 0) sets.splice(i, 1);
}
