/**
 * The "test constants" table of a wiki document: fio job facts (from its rows or its fio command
 * line) that apply to every record, and virtual-disk facts that apply to guest records only.
 */
import type { ResultRecord } from '../model/record.types';
import { asBytes, asSeconds } from '../model/units';
import type { MdTable } from './markdown.tables';
import { setExtra } from './record.build';
import { parseBlockSize, parseCount, parseSeconds } from './units.parse';
import { matchHeader } from './vocab.headers';
import { normalizeLabel } from './vocab';
import { parseCache, stripDefaultMarker } from './vocab.values';

/** Facts of the "test constants" table, split by what they describe. */
export interface DocConstants {
  /** fio job facts: apply to guest and host (bare-metal) records. */
  fio: {
    bs: number | null;
    iodepth: number | null;
    numjobs: number | null;
    ioengine: string | null;
    runtime_s: number | null;
    extra: Record<string, string>;
  };
  /** Virtual-disk facts: apply to guest records only. */
  disk: { fs: string | null; cache: ResultRecord['cache']; extra: Record<string, string> };
}

export function emptyConstants(): DocConstants {
  return {
    fio: { bs: null, iodepth: null, numjobs: null, ioengine: null, runtime_s: null, extra: {} },
    disk: { fs: null, cache: null, extra: {} },
  };
}

const CONSTANTS_TITLES = new Set(
  ['测试常量', '常量', '固定参数', '测试参数', 'constants', 'testconstants', 'fixedparameters'].map(
    normalizeLabel,
  ),
);
const DISK_SIZE_KEYS = new Set(
  ['云盘容量', '磁盘容量', '容量', '云盘大小', 'disksize', 'size'].map(normalizeLabel),
);
const COMMAND_KEYS = new Set(
  ['测试命令', '命令', 'fio命令', 'command', 'fiocommand', 'commandline'].map(normalizeLabel),
);

export function isConstantsTable(t: MdTable): boolean {
  const first = t.header[0]?.cells[0] ?? '';
  return CONSTANTS_TITLES.has(normalizeLabel(first));
}

/** Reads a fio command line ("fio -rw=$mode -bs=4k -iodepth=128 …") into fio facts. */
function readFioCommand(cmd: string, c: DocConstants, notes: string[]): void {
  const opts = new Map<string, string>();
  const tokens = cmd.split(/\s+/);
  for (let k = 0; k < tokens.length; k++) {
    const m = /^--?([a-z_]+)(?:=(.*))?$/i.exec(tokens[k]!);
    if (!m) continue;
    let value = m[2];
    if (value === undefined && k + 1 < tokens.length && !tokens[k + 1]!.startsWith('-'))
      value = tokens[++k];
    opts.set(m[1]!.toLowerCase(), value ?? '');
  }
  const num = (k: string): number | null => {
    const v = opts.get(k);
    return v === undefined || v.startsWith('$') ? null : parseCount(v);
  };
  const bs = opts.get('bs');
  if (bs !== undefined && !bs.startsWith('$')) c.fio.bs = parseBlockSize(bs);
  c.fio.iodepth = num('iodepth');
  c.fio.numjobs = num('numjobs');
  const rt = opts.get('runtime');
  if (rt !== undefined && !rt.startsWith('$')) c.fio.runtime_s = parseSeconds(rt);
  const engine = opts.get('ioengine');
  if (engine !== undefined && !engine.startsWith('$')) c.fio.ioengine = engine.toLowerCase();
  const direct = opts.get('direct');
  if (direct !== undefined && !direct.startsWith('$')) c.fio.extra['direct'] = direct;
  notes.push(`fio command of the constants table read: ${[...opts.keys()].join(', ')}`);
}

export function readConstants(t: MdTable, c: DocConstants, notes: string[]): void {
  for (const row of t.body) {
    const key = row.cells[0] ?? '';
    const value = stripDefaultMarker(
      (row.cells[1] ?? '').replace(/^固定\s*/, '').replace(/^fixed\s+/i, ''),
    );
    if (key === '') continue;
    if (value === '') {
      notes.push(
        `constants table line ${row.line}: '${key}' has no value column (restates the command); not used`,
      );
      continue;
    }
    const nk = normalizeLabel(key);
    if (COMMAND_KEYS.has(nk) || /^fio\s/.test(value)) {
      readFioCommand(value, c, notes);
      continue;
    }
    if (DISK_SIZE_KEYS.has(nk)) {
      c.disk.extra['disk_size'] = value;
      continue;
    }
    const field = matchHeader(key).field;
    if (field === 'fs') c.disk.fs = value.toLowerCase();
    else if (field === 'cache') c.disk.cache = parseCache(value);
    else if (field === 'bs') c.fio.bs = parseBlockSize(value);
    else if (field === 'iodepth') c.fio.iodepth = parseCount(value);
    else if (field === 'numjobs') c.fio.numjobs = parseCount(value);
    else if (field === 'ioengine') c.fio.ioengine = value.toLowerCase();
    else if (field === 'runtime_s') c.fio.runtime_s = parseSeconds(value);
    else c.disk.extra[key] = value;
  }
}

export function applyFio(r: ResultRecord, c: DocConstants): void {
  if (r.bs === null && c.fio.bs !== null) r.bs = asBytes(c.fio.bs);
  if (r.iodepth === null) r.iodepth = c.fio.iodepth;
  if (r.numjobs === null) r.numjobs = c.fio.numjobs;
  if (r.ioengine === null) r.ioengine = c.fio.ioengine;
  if (r.runtime_s === null && c.fio.runtime_s !== null) r.runtime_s = asSeconds(c.fio.runtime_s);
  for (const k in c.fio.extra) if (r.extra[k] === undefined) setExtra(r, k, c.fio.extra[k]!);
}

export function applyDisk(r: ResultRecord, c: DocConstants): void {
  // A host filesystem exists only for file-backed disks (spec: `fs` is for `file`).
  if (r.fs === null && c.disk.fs !== null && r.source !== 'block' && r.source !== 'network')
    r.fs = c.disk.fs;
  if (r.cache === null) r.cache = c.disk.cache;
  for (const k in c.disk.extra) if (r.extra[k] === undefined) setExtra(r, k, c.disk.extra[k]!);
}
