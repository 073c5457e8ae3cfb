import type { AioMode, ResultRecord } from '../core/model/record.types';
import { CACHE_MODES, FORMATS, PREALLOCS, SOURCES } from '../core/model/record.types';
import { compare } from '../core/compare';
import type { CellComparison } from '../core/compare';
import {
  HOST_PRESETS,
  PLATFORMS,
  describeHost,
  envFromRecord,
  envKey,
  evaluateComparisons,
  hostPreset,
  isVersion,
  presetOfKernel,
  recommend,
} from '../core/policy';
import type { CellEnvironment, HostProfile, Lang, Platform, PolicyDecision } from '../core/policy';
import type { CliCommand, CliIo } from './cli.types';
import type { LoadArgs } from './load-records';
import {
  LOAD_HELP,
  LOAD_SYNOPSIS,
  checkLoadArgs,
  loadSets,
  newLoadArgs,
  readLoadOption,
} from './load-records';
import { readArgs, usageError } from './args';

const USAGE =
  'aio-dash recommend [FILE|DIR...] [--cell KEY=VALUE,...] [--kernel V] [--qemu V] [--libvirt V]\n' +
  '                   [--io-uring-disabled] [--preset ID] [--platform P] [--lang en|zh] [--format table|json]\n' +
  `                   ${LOAD_SYNOPSIS}`;
const CELL_KEYS = [
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
type CellKey = (typeof CELL_KEYS)[number];
const HELP = `${USAGE}
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

interface Args {
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

function parseArgs(argv: string[]): Args | string {
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

/** Comparisons of every pair of aio modes present in the records. */
function aioComparisons(records: ResultRecord[]): CellComparison[] {
  const present = new Set(records.map((r) => r.aio));
  const pairs: [AioMode, AioMode][] = [
    ['threads', 'native'],
    ['threads', 'io_uring'],
    ['native', 'io_uring'],
  ];
  const out: CellComparison[] = [];
  for (const [b, c] of pairs)
    if (present.has(b) && present.has(c))
      for (const cell of compare(records, { baseline: b, candidate: c }).cells) out.push(cell);
  return out;
}

const cellObject = (env: CellEnvironment): Record<string, string | boolean> => {
  const o: Record<string, string | boolean> = {};
  for (const k of CELL_KEYS) {
    const v = env[k];
    if (v !== null && v !== undefined) o[k] = v;
  }
  return o;
};

function envFromCellArg(c: Partial<Record<CellKey, string>>): CellEnvironment {
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

/** The spec's JSON element for one decision (fields beyond the spec are additions). */
function toJson(env: CellEnvironment, d: PolicyDecision, lang: Lang, host: HostProfile) {
  const platforms: Record<string, string> = {};
  const platformDetails: Record<
    string,
    { mode: string; why: string; sources: string[]; valid_on_host: boolean }
  > = {};
  for (const p of PLATFORMS) {
    const c = d.platforms[p];
    platforms[p] = c.mode;
    platformDetails[p] = {
      mode: c.mode,
      why: c.why[lang],
      sources: c.citations,
      valid_on_host: c.validOnHost !== false,
    };
  }
  return {
    cell: cellObject(env),
    recommendation: d.recommendation,
    confidence: d.confidence,
    reasons: d.reasons.map((r) => r.text[lang]),
    sources: d.sources.map((s) => ({
      id: s.id,
      title: s.title,
      url: s.url,
      tag: s.tag,
      section: s.section,
    })),
    platforms,
    libvirt_xml: d.libvirtXml,
    acceptable: d.acceptable,
    risks: d.risks.map((r) => r.text[lang]),
    contested: d.contested,
    layout: d.layout ?? null,
    platform_details: platformDetails,
    evidence: d.evidence
      ? {
          used: d.evidence.used,
          skipped_flagged: d.evidence.skippedFlagged,
          skipped_empty: d.evidence.skippedEmpty,
          skipped_invalid: d.evidence.skippedInvalid,
          pairs: d.evidence.pairs.map((p) => ({
            baseline: p.baseline,
            candidate: p.candidate,
            improvement: p.improvement,
            no_difference: p.noDifference,
            regression: p.regression,
            inconclusive: p.inconclusive,
            min_pct: p.minPct === null ? null : Math.round(p.minPct * 100) / 100,
            max_pct: p.maxPct === null ? null : Math.round(p.maxPct * 100) / 100,
          })),
        }
      : null,
    host: {
      kernel: host.kernel,
      qemu: host.qemu,
      libvirt: host.libvirt,
      io_uring_disabled: host.ioUringDisabled,
      preset: host.preset,
      platform: host.platform,
    },
  };
}

/** Wraps text at `width` columns (CJK characters count as two); continuation lines get `rest`. */
function wrap(text: string, indent: string, rest = indent + '  ', width = 80): string {
  const cols = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const words = text.split(/(?<=\s)|(?=[\u3400-\u9fff])/u);
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (cols(line) + cols(w.trimEnd()) > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = rest + w.trimStart();
    } else line += w;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.join('\n');
}

const LABELS = {
  en: {
    rec: 'recommendation',
    acc: 'acceptable',
    why: 'why',
    risks: 'risks',
    platforms: 'platforms',
    libvirt: 'libvirt',
    sources: 'sources',
    contested: 'sources disagree',
    notOnHost: 'not runnable on this host',
  },
  zh: {
    rec: '推荐',
    acc: '可接受',
    why: '理由',
    risks: '风险',
    platforms: '各平台',
    libvirt: 'libvirt',
    sources: '出处',
    contested: '各方说法不一',
    notOnHost: '此主机无法运行',
  },
};
const PLATFORM_NAMES: Record<Platform, string> = {
  nova: 'nova',
  ovirt: 'oVirt',
  kubevirt: 'KubeVirt',
  proxmox: 'Proxmox',
  cloudstack: 'CloudStack',
};

function toTable(items: Array<{ env: CellEnvironment; d: PolicyDecision }>, lang: Lang): string {
  const L = LABELS[lang];
  const out: string[] = [];
  for (const { env, d } of items) {
    const title = Object.entries(cellObject(env))
      .map(([k, v]) => (k === 'storage' || k === 'medium' ? String(v) : `${k}=${String(v)}`))
      .join(' · ');
    out.push(title || '(empty cell)');
    out.push(
      `  ${L.rec}: ${d.recommendation} (${d.confidence})${d.contested ? ` — ${L.contested}` : ''}   ${L.acc}: ${d.acceptable.join(', ')}`,
    );
    out.push(`  ${L.why}:`);
    for (const r of d.reasons) out.push(wrap(`- ${r.text[lang]}`, '    '));
    if (d.risks.length > 0) out.push(`  ${L.risks}:`);
    for (const r of d.risks) out.push(wrap(`! ${r.text[lang]}`, '    '));
    const plat = PLATFORMS.map(
      (p) =>
        `${PLATFORM_NAMES[p]} ${d.platforms[p].mode}${d.platforms[p].validOnHost === false ? '*' : ''}`,
    ).join(' · ');
    out.push(wrap(`${L.platforms}: ${plat}`, '  ', '    '));
    if (PLATFORMS.some((p) => d.platforms[p].validOnHost === false))
      out.push(`    * ${L.notOnHost}`);
    out.push(`  ${L.libvirt}: ${d.libvirtXml}`);
    out.push(`  ${L.sources}:`);
    for (const s of d.sources) {
      out.push(wrap(`[${s.tag}] ${s.title}`, '    ', '      '));
      out.push(`      ${s.url}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function matchesCell(c: CellComparison, want: Partial<Record<CellKey, string>>): boolean {
  for (const k of CELL_KEYS) {
    const v = want[k];
    if (v === undefined) continue;
    const have = k === 'protocol' ? (c.cell['x:protocol'] ?? '') : (c.cell[k] ?? '');
    if (have.toLowerCase() !== v.toLowerCase()) return false;
  }
  return true;
}

async function runRecommend(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') return usageError(io, 'recommend', args, USAGE);
  const { records, code } = await loadSets(args.files, args.load, io);
  const host = args.host;
  const pre = host.preset ? hostPreset(host.preset) : undefined;
  io.stderr(
    `recommend: host ${describeHost(host)}${pre ? ` (QEMU ${host.qemu}, libvirt ${host.libvirt}: assumed)` : ''}${host.platform !== 'generic' ? `, platform ${host.platform}` : ''}\n`,
  );
  const comparisons = records.length > 0 ? aioComparisons(records) : [];
  const items: Array<{ env: CellEnvironment; d: PolicyDecision }> = [];
  if (args.cells.length > 0) {
    for (const c of args.cells) {
      const env = envFromCellArg(c);
      items.push({
        env,
        d: recommend(
          env,
          host,
          comparisons.filter((x) => matchesCell(x, c)),
          args.lang,
        ),
      });
    }
  } else {
    // One answer per disk configuration of the data; configurations without any comparison
    // (one mode only, or blank rows) are answered from the rules alone.
    const { groups } = evaluateComparisons(comparisons, host, args.lang);
    const seen = new Set<string>();
    for (const g of groups) {
      seen.add(envKey(g.env));
      items.push({ env: g.env, d: g.decision });
    }
    for (const r of records) {
      if (r.layer === 'host') continue;
      const env = envFromRecord(r);
      const k = envKey(env);
      if (seen.has(k)) continue;
      seen.add(k);
      items.push({ env, d: recommend(env, host, [], args.lang) });
    }
    const keyOf = (e: CellEnvironment) =>
      [
        e.storage,
        e.medium,
        e.prealloc,
        e.source,
        e.fs,
        e.format,
        e.cache,
        e.bus,
        String(e.iothread),
      ]
        .map((v) => v ?? '')
        .join('\u0001');
    items.sort((x, y) => keyOf(x.env).localeCompare(keyOf(y.env), 'en', { numeric: true }));
    io.stderr(
      `recommend: ${records.length} records, ${comparisons.length} comparisons, ${items.length} disk configurations\n`,
    );
  }
  if (args.format === 'json')
    io.stdout(
      JSON.stringify(
        items.map((x) => toJson(x.env, x.d, args.lang, host)),
        null,
        2,
      ) + '\n',
    );
  else io.stdout(toTable(items, args.lang));
  return code;
}

export const recommendCommand: CliCommand = {
  name: 'recommend',
  summary: 'recommend an aio mode per disk, with reasons, sources and what other platforms pick',
  usage: HELP,
  run: runRecommend,
};
