/** `aio-dash recommend`: its usage text, argument parsing and the --cell descriptions of a disk. */
import { CACHE_MODES, FORMATS, PREALLOCS, SOURCES } from '../core/model/record.types';
import type { CellComparison } from '../core/compare';
import { HOST_PRESETS, PLATFORMS, hostPreset, isVersion, presetOfKernel } from '../core/policy';
import type { CellEnvironment, HostProfile, Lang, Platform } from '../core/policy';
import type { LoadArgs } from './load-records';
import {
  LOAD_HELP,
  LOAD_SYNOPSIS,
  checkLoadArgs,
  newLoadArgs,
  readLoadOption,
} from './load-records';
import { readArgs } from './args';

export const USAGE =
  'aio-dash recommend [FILE|DIR...] [--cell KEY=VALUE,...] [--kernel V] [--qemu V] [--libvirt V]\n' +
  '                   [--io-uring-disabled] [--preset ID] [--platform P] [--lang en|zh] [--format table|json]\n' +
  `                   ${LOAD_SYNOPSIS}`;
export const CELL_KEYS = [
  'source',
  'storage',
  'fs',
  'format',
  'prealloc',
  'cache',
  'medium',
  'bus',
  'iothread',
  'protocol',
] as const;
export type CellKey = (typeof CELL_KEYS)[number];
export const HELP = `${USAGE}
  Recommends a QEMU aio mode (native, io_uring, threads, or n/a) per disk, with the confidence,
  the reasons, their sources, what OpenStack nova, oVirt/RHV, KubeVirt, Proxmox VE and CloudStack
  would pick, and the libvirt <driver> line. With FILE, one answer per disk configuration of the
  data (storage, source, fs, format, prealloc, cache, medium, bus, iothread), using its measured
  comparisons (threads→native, threads→io_uring, native→io_uring) as evidence; flagged records
  are never used. --cell describes a disk without data (repeatable); with FILE, the cells of the
  data that match it are its evidence.
  --cell keys: ${CELL_KEYS.join(', ')} (e.g. --cell storage=LocalStorage,prealloc=off,medium=SSD)
  Host: --preset ${HOST_PRESETS.map((p) => p.id).join('|')} (default centos7; QEMU and libvirt
  versions of presets are assumptions), then --kernel/--qemu/--libvirt/--io-uring-disabled override it.
  Without --preset, a distribution kernel picks its preset: --kernel 5.14.0-284.el9 is RHEL 9
  (io_uring disabled), .el8 RHEL 8, .el7 CentOS 7, 6.1.0-18-amd64 Debian 12, 5.15.0-91-generic Ubuntu 22.04.
  --platform ${PLATFORMS.join('|')} applies that platform's constraints (KubeVirt: no io_uring).
${LOAD_HELP}
  Exit 0: done; 1: a file unreadable or not a result set; 2: usage error.`;

export interface Args {
  files: string[];
  load: LoadArgs;
  cells: Array<Partial<Record<CellKey, string>>>;
  host: HostProfile;
  lang: Lang;
  format: 'table' | 'json';
}

const PREALLOC_ALIASES: Record<string, string> = { none: 'off', default: 'off' };

/** Parses one --cell value into validated fields. */
function parseCell(v: string): Partial<Record<CellKey, string>> | string {
  const out: Partial<Record<CellKey, string>> = {};
  for (const part of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `--cell: expected KEY=VALUE, got '${part}'`;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (!(CELL_KEYS as readonly string[]).includes(key))
      return `--cell: unknown key '${key}' (keys: ${CELL_KEYS.join(', ')})`;
    const k = key as CellKey;
    if (k in out) return `--cell: '${k}' given twice`;
    if (k === 'prealloc') value = PREALLOC_ALIASES[value.toLowerCase()] ?? value.toLowerCase();
    const vocab: Partial<Record<CellKey, readonly string[]>> = {
      source: SOURCES,
      format: FORMATS,
      prealloc: PREALLOCS,
      cache: CACHE_MODES,
      iothread: ['true', 'false'],
    };
    if (k === 'iothread')
      value =
        (
          {
            yes: 'true',
            on: 'true',
            '1': 'true',
            no: 'false',
            off: 'false',
            '0': 'false',
          } as Record<string, string>
        )[value.toLowerCase()] ?? value.toLowerCase();
    const allowed = vocab[k];
    if (allowed && !allowed.includes(value))
      return `--cell: ${k} must be one of ${allowed.join(', ')} (got '${value}')`;
    if (value === '' || value.length > 100) return `--cell: ${k} needs a value`;
    out[k] = value;
  }
  if (Object.keys(out).length === 0) return '--cell needs KEY=VALUE,...';
  return out;
}

export function parseArgs(argv: string[]): Args | string {
  const a: Args = {
    files: [],
    load: newLoadArgs(),
    cells: [],
    host: { ...hostPreset('centos7')!.profile },
    lang: 'en',
    format: 'table',
  };
  const overrides: Partial<HostProfile> = {};
  let presetGiven = false;
  const files = readArgs(argv, (name, value) => {
    const shared = readLoadOption(a.load, name, value);
    if (shared !== false) return shared;
    switch (name) {
      case '--cell': {
        const v = value();
        if (!v) return '--cell needs KEY=VALUE,...';
        const c = parseCell(v);
        if (typeof c === 'string') return c;
        a.cells.push(c);
        return true;
      }
      case '--kernel':
      case '--qemu':
      case '--libvirt': {
        const v = value();
        if (!v || !isVersion(v))
          return `${name} needs a version such as 5.14 (got ${v ?? 'nothing'})`;
        overrides[name.slice(2) as 'kernel' | 'qemu' | 'libvirt'] = v;
        return true;
      }
      case '--io-uring-disabled':
        overrides.ioUringDisabled = true;
        return true;
      case '--preset': {
        const v = value();
        const p = v ? hostPreset(v) : undefined;
        if (!p)
          return `--preset must be one of ${HOST_PRESETS.map((x) => x.id).join(', ')} (got ${v ?? 'nothing'})`;
        a.host = { ...p.profile };
        presetGiven = true;
        return true;
      }
      case '--platform': {
        const v = value();
        if (v !== 'generic' && !(PLATFORMS as readonly string[]).includes(v ?? ''))
          return `--platform must be one of ${PLATFORMS.join(', ')} or generic`;
        overrides.platform = v as Platform | 'generic';
        return true;
      }
      case '--lang': {
        const v = value();
        if (v !== 'en' && v !== 'zh') return '--lang must be en or zh';
        a.lang = v;
        return true;
      }
      case '--format': {
        const v = value();
        if (v !== 'table' && v !== 'json') return '--format must be table or json';
        a.format = v;
        return true;
      }
      default:
        return false;
    }
  });
  if (typeof files === 'string') return files;
  a.files = files;
  // A distribution kernel (`--kernel 5.14.0-284.el9`) without --preset: that distribution's
  // preset (RHEL 9: io_uring disabled), with the kernel string as given.
  const ofKernel = overrides.kernel && !presetGiven ? presetOfKernel(overrides.kernel) : undefined;
  const base = ofKernel ? { ...ofKernel.profile } : a.host;
  a.host = { ...base, ...overrides };
  const changed = (['kernel', 'qemu', 'libvirt', 'ioUringDisabled'] as const).some(
    (k) => a.host[k] !== base[k] && !(k === 'kernel' && ofKernel),
  );
  if (changed) a.host.preset = null;
  if (a.files.length === 0 && a.cells.length === 0) return 'give FILE... or --cell KEY=VALUE,...';
  return checkLoadArgs(a.load) ?? a;
}

/** The disk environment a --cell value describes (unset keys are null). */
export function envFromCellArg(c: Partial<Record<CellKey, string>>): CellEnvironment {
  return {
    source: (c.source as CellEnvironment['source']) ?? null,
    storage: c.storage ?? null,
    fs: c.fs ?? null,
    format: (c.format as CellEnvironment['format']) ?? null,
    prealloc: (c.prealloc as CellEnvironment['prealloc']) ?? null,
    cache: (c.cache as CellEnvironment['cache']) ?? null,
    medium: c.medium ?? null,
    bus: c.bus ?? null,
    iothread: c.iothread === undefined ? null : c.iothread === 'true',
    protocol: c.protocol ?? null,
  };
}

/** Does a comparison cell match a --cell description (case-insensitive, given keys only)? */
export function matchesCell(c: CellComparison, want: Partial<Record<CellKey, string>>): boolean {
  for (const k of CELL_KEYS) {
    const v = want[k];
    if (v === undefined) continue;
    const have = k === 'protocol' ? (c.cell['x:protocol'] ?? '') : (c.cell[k] ?? '');
    if (have.toLowerCase() !== v.toLowerCase()) return false;
  }
  return true;
}
