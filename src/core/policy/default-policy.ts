/**
 * The "default policy" view: given what a platform offers (storage types with their default
 * preallocation and cache mode), the rule set it should ship — one line per storage type and
 * preallocation — e.g. "threads for LocalStorage with preallocation off until the kernel has
 * io_uring (then io_uring)" — and which measured cells support or contradict each line.
 */
import type { AioMode, CacheMode, DiskFormat, Prealloc, SourceType } from '../model/record.types';
import type { CellComparison, Verdict } from '../compare/compare.types';
import type {
  CellEnvironment,
  Confidence,
  HostProfile,
  Lang,
  Recommendation,
} from './policy.types';
import { compareVersions } from './host-profile';
import { recommend } from './recommend';
import { composed } from '../i18n/key-table';
import { POLICY_TEXT } from './policy.messages';

export interface StorageOffering {
  /** The platform's storage label, as in the data's `storage` column. */
  label: string;
  source: SourceType;
  fs: string | null;
  format: DiskFormat;
  defaultPrealloc: Prealloc;
  /** Preallocations users can choose besides the default. */
  preallocOptions: Prealloc[];
  defaultCache: CacheMode;
  protocol?: string | null;
}

export interface PlatformDescription {
  name: string;
  storages: StorageOffering[];
}

/**
 * The seed team's platform as their document describes it: LocalStorage (qcow2 on XFS,
 * preallocation none by default; metadata, falloc and full offered) and SharedBlock (qcow2 on
 * shared LVM, metadata by default), cache none.
 */
export const ZSTACK_PLATFORM: PlatformDescription = {
  name: 'ZStack (seed, 2023 Q1)',
  storages: [
    {
      label: 'LocalStorage',
      source: 'file',
      fs: 'xfs',
      format: 'qcow2',
      defaultPrealloc: 'off',
      preallocOptions: ['metadata', 'falloc', 'full'],
      defaultCache: 'none',
    },
    {
      label: 'SharedBlock',
      source: 'block',
      fs: null,
      format: 'qcow2',
      defaultPrealloc: 'metadata',
      preallocOptions: ['off'],
      defaultCache: 'none',
    },
  ],
};

export interface CellRef {
  key: string;
  cell: Record<string, string>;
  pair: `${AioMode}→${AioMode}`;
  verdict: Verdict;
  /** IOPS delta of the comparison, candidate vs baseline, %. */
  pct: number | null;
}

export interface PolicyLine {
  storage: string;
  prealloc: Prealloc;
  isDefault: boolean;
  cache: CacheMode;
  /** The mode on the given host. */
  mode: Recommendation;
  /** The mode on the same host with io_uring available (kernel ≥ 6.1, QEMU ≥ 7.2, libvirt ≥ 9.0). */
  withIoUring: Recommendation;
  confidence: Confidence;
  contested: boolean;
  text: Record<Lang, string>;
  citations: string[];
  /** Measured cells where the line's mode won. */
  supporting: CellRef[];
  /** Measured cells where another mode won against the line's mode. */
  contradicting: CellRef[];
  /** Cells with no difference involving the line's mode. */
  neutral: number;
  /** Cells left out because they rest on flagged records or have no measurement. */
  unusable: number;
  /** Why contradicting cells do not overturn the line, when they measure speed only. */
  note: Record<Lang, string> | null;
}

const atLeast = (v: string, min: string) => (compareVersions(v, min) >= 0 ? v : min);

/** The host with io_uring available (versions raised to at least Debian 12's; sysctl on). */
export function ioUringCapable(host: HostProfile): HostProfile {
  return {
    ...host,
    kernel: atLeast(host.kernel, '6.1'),
    qemu: atLeast(host.qemu, '7.2'),
    libvirt: atLeast(host.libvirt, '9.0'),
    ioUringDisabled: false,
    preset: null,
  };
}

const modeOf = (c: CellComparison, side: 'baseline' | 'candidate'): AioMode | null => {
  const r = c[side].used[0] ?? c[side].records[0];
  return r?.aio ?? null;
};

function matchesOffering(c: CellComparison, s: StorageOffering, prealloc: Prealloc): boolean {
  if ((c.cell.storage ?? '') !== s.label) return false;
  // Block storage: qcow2 on LVM behaves alike whatever the preallocation (research §8.2 row 5).
  if (s.source === 'block') return true;
  return (c.cell.prealloc ?? '') === prealloc;
}

/**
 * The rule set a platform should ship on `host`, line by line, with the loaded data's verdicts.
 * @param comparisons cells of any aio pair (threads→native, threads→io_uring, native→io_uring)
 */
export function defaultPolicy(
  platform: PlatformDescription,
  host: HostProfile,
  comparisons: readonly CellComparison[],
): PolicyLine[] {
  const future = ioUringCapable(host);
  const lines: PolicyLine[] = [];
  for (const s of platform.storages) {
    const preallocs = [
      s.defaultPrealloc,
      ...s.preallocOptions.filter((p) => p !== s.defaultPrealloc),
    ];
    for (const prealloc of preallocs) {
      const env: CellEnvironment = {
        source: s.source,
        storage: s.label,
        fs: s.fs,
        format: s.format,
        prealloc,
        cache: s.defaultCache,
        medium: null,
        bus: null,
        iothread: null,
        protocol: s.protocol ?? null,
      };
      const now = recommend(env, host, []);
      const later = recommend(env, future, []);
      const mode = now.recommendation;
      const supporting: CellRef[] = [];
      const contradicting: CellRef[] = [];
      let neutral = 0;
      let unusable = 0;
      const faster = new Set<AioMode>();
      for (const c of comparisons) {
        if (!matchesOffering(c, s, prealloc)) continue;
        const b = modeOf(c, 'baseline');
        const k = modeOf(c, 'candidate');
        if (!b || !k || b === k) continue;
        const used = [...c.baseline.used, ...c.candidate.used];
        if (c.baseline.n === 0 || c.candidate.n === 0 || used.some((r) => r.flags.length > 0)) {
          unusable++;
          continue;
        }
        const d = c.deltas.iops ?? c.deltas.iops_total;
        const ref: CellRef = {
          key: c.key,
          cell: c.cell,
          pair: `${b}→${k}`,
          verdict: c.verdict,
          pct: d ? d.pct : null,
        };
        if (c.verdict === 'no-difference') {
          if (mode === b || mode === k) neutral++;
          continue;
        }
        if (c.verdict !== 'improvement' && c.verdict !== 'regression') continue;
        const winner = c.verdict === 'improvement' ? k : b;
        const loser = c.verdict === 'improvement' ? b : k;
        if (winner === mode) supporting.push(ref);
        else if (loser === mode) {
          contradicting.push(ref);
          faster.add(winner);
        }
      }
      const unsafeFaster = [...faster].filter((m) => !now.acceptable.includes(m));
      const note =
        contradicting.length > 0 && unsafeFaster.length > 0 && unsafeFaster.length === faster.size
          ? composed(POLICY_TEXT, (t, lang) =>
              t('line.unsafeFaster', {
                modes: unsafeFaster.join(t('line.unsafeFaster.separator')),
                risk: now.risks[0]?.text[lang] ?? t('line.unsafeFaster.noRisk'),
              }),
            )
          : null;
      const def = prealloc === s.defaultPrealloc;
      const until = later.recommendation !== mode;
      const text = composed(POLICY_TEXT, (t) =>
        t('line.text', {
          mode,
          storage: s.label,
          prealloc: t(`line.prealloc.${prealloc}`),
          default: def ? t('line.default') : '',
          until: until ? t('line.until', { later: later.recommendation }) : '',
        }),
      );
      lines.push({
        storage: s.label,
        prealloc,
        isDefault: def,
        cache: s.defaultCache,
        mode,
        withIoUring: later.recommendation,
        confidence: now.confidence,
        contested: now.contested,
        text,
        citations: now.sources.map((c) => c.id),
        supporting,
        contradicting,
        neutral,
        unusable,
        note,
      });
    }
  }
  return lines;
}
