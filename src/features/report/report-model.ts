/**
 * Everything the decision report shows, derived from the loaded data and the host profile —
 * pure (no React), so it is tested without a browser and the page only lays it out.
 */
import type { QualityFlag, ResultRecord } from '../../core/model/record.types';
import { FLAGS } from '../../core/model/record.types';
import type { CellComparison } from '../../core/compare';
import {
  RULES,
  buildMatrix,
  citationsFor,
  defaultPolicy,
  ioUringCapable,
  ZSTACK_PLATFORM,
} from '../../core/policy';
import type {
  Citation,
  HostProfile,
  Lang,
  MatrixRow,
  PlatformDescription,
  PolicyLine,
  Rule,
} from '../../core/policy';

type Text = Record<Lang, string>;

/** One measured comparison drawn in the key-evidence chart. */
export interface EvidenceBar {
  label: Text;
  pair: string;
  /** IOPS change of the candidate over the baseline, %. */
  pct: number;
  verdict: CellComparison['verdict'];
  singleRun: boolean;
  firstWrite: boolean;
}

export interface EvidenceGroup {
  row: MatrixRow;
  bars: EvidenceBar[];
  /** Comparisons of this row not drawn: flagged, or a side without measurement. */
  notDrawn: number;
}

export interface OpenQuestion {
  id: 'sharedblock-sparse' | 'metadata-prealloc' | 'io-uring-kernel';
  title: Text;
  /** What the sources say (each sentence cites registry ids). */
  known: Array<{ text: Text; citations: string[] }>;
  /** What the loaded data says, computed. */
  data: Text;
  /** What to measure to settle it. */
  next: Text;
}

export interface Caveats {
  records: number;
  guestRecords: number;
  flagged: Record<QualityFlag, number>;
  /** Matrix rows with no usable comparison. */
  gaps: MatrixRow[];
  /** Matrix rows whose usable comparisons are all single runs. */
  singleRunOnly: MatrixRow[];
  comparisons: number;
  usedComparisons: number;
  skippedFlagged: number;
  skippedEmpty: number;
  skippedInvalid: number;
}

export interface ReportModel {
  matrix: MatrixRow[];
  /** Column order of the matrix (preallocations present). */
  preallocs: string[];
  /** Matrix rows grouped by storage × medium, one cell per preallocation. */
  grid: Array<{ storage: string; medium: string; cells: Record<string, MatrixRow | undefined> }>;
  policy: PolicyLine[];
  /** The same policy on a host with io_uring, for the "until the kernel has io_uring" column. */
  evidence: EvidenceGroup[];
  caveats: Caveats;
  openQuestions: OpenQuestion[];
  /** Rules that decided at least one matrix row, in rule order. */
  rules: Rule[];
  /** All sources cited by the report (decisions, open questions, rules), de-duplicated. */
  sources: Citation[];
}

const PREALLOC_ORDER = ['off', 'metadata', 'falloc', 'full', 'n/a', ''];
const WRITES = new Set(['write', 'randwrite', 'rw', 'randrw']);

function barLabel(c: CellComparison): Text {
  const cell = c.cell;
  const pw =
    cell.prewritten === 'true'
      ? { en: 'pre-written', zh: '已预写' }
      : cell.prewritten === 'false'
        ? { en: 'first write', zh: '未预写' }
        : { en: '', zh: '' };
  const parts = (l: Lang) =>
    [
      cell.rw,
      pw[l],
      cell.bus,
      cell.iothread === 'true' ? 'iothread' : '',
      cell.vms && cell.vms !== '1' ? `${cell.vms} VMs` : '',
    ]
      .filter((x) => x)
      .join(' · ');
  return { en: parts('en'), zh: parts('zh') };
}

const modeOf = (c: CellComparison, side: 'baseline' | 'candidate') =>
  (c[side].used[0] ?? c[side].records[0])?.aio ?? '?';

function usable(c: CellComparison): boolean {
  if (c.baseline.n === 0 || c.candidate.n === 0) return false;
  for (const r of c.baseline.used) if (r.flags.length > 0) return false;
  for (const r of c.candidate.used) if (r.flags.length > 0) return false;
  return true;
}

/** The key evidence: per matrix row, the IOPS deltas of its usable comparisons. */
export function evidenceGroups(matrix: readonly MatrixRow[]): EvidenceGroup[] {
  return matrix
    .filter((row) => row.comparisons.length > 0)
    .map((row) => {
      const bars: EvidenceBar[] = [];
      let notDrawn = 0;
      for (const c of row.comparisons) {
        const d = c.deltas.iops ?? c.deltas.iops_total;
        if (!usable(c) || !d) {
          notDrawn++;
          continue;
        }
        bars.push({
          label: barLabel(c),
          pair: `${modeOf(c, 'baseline')}→${modeOf(c, 'candidate')}`,
          pct: d.pct,
          verdict: c.verdict,
          singleRun: d.singleRun,
          firstWrite: c.cell.prewritten === 'false' && WRITES.has(c.cell.rw ?? ''),
        });
      }
      return { row, bars, notDrawn };
    });
}

function caveats(
  records: readonly ResultRecord[],
  matrix: readonly MatrixRow[],
  comparisons: readonly CellComparison[],
): Caveats {
  const flagged = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<QualityFlag, number>;
  let guest = 0;
  for (const r of records) {
    if (r.layer !== 'host') guest++;
    for (const f of r.flags) flagged[f]++;
  }
  let used = 0;
  let skippedFlagged = 0;
  let skippedEmpty = 0;
  let skippedInvalid = 0;
  for (const row of matrix) {
    const e = row.decision.evidence;
    if (!e) continue;
    used += e.used;
    skippedFlagged += e.skippedFlagged;
    skippedEmpty += e.skippedEmpty;
    skippedInvalid += e.skippedInvalid;
  }
  return {
    records: records.length,
    guestRecords: guest,
    flagged,
    gaps: matrix.filter((r) => r.gap),
    singleRunOnly: matrix.filter(
      (r) => !r.gap && r.singleRun > 0 && r.singleRun === r.comparisons.filter(usable).length,
    ),
    comparisons: comparisons.length,
    usedComparisons: used,
    skippedFlagged,
    skippedEmpty,
    skippedInvalid,
  };
}

const fmtPct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;

function openQuestions(
  records: readonly ResultRecord[],
  matrix: readonly MatrixRow[],
  policy: readonly PolicyLine[],
  host: HostProfile,
): OpenQuestion[] {
  // 1. SharedBlock (qcow2 on LVM) with sparse images: does native block on first writes?
  const sbRows = matrix.filter((r) => r.decision.layout === 'block-qcow2-lvm');
  const firstWrites: number[] = [];
  let overwriteWins = 0;
  let overwriteTotal = 0;
  for (const row of sbRows)
    for (const c of row.comparisons) {
      const d = c.deltas.iops;
      if (!usable(c) || !d || !WRITES.has(c.cell.rw ?? '')) continue;
      if (modeOf(c, 'baseline') !== 'threads' || modeOf(c, 'candidate') !== 'native') continue;
      if (c.cell.prewritten === 'false') firstWrites.push(d.pct);
      else if (c.cell.prewritten === 'true') {
        overwriteTotal++;
        if (c.verdict === 'improvement') overwriteWins++;
      }
    }
  const slower = firstWrites.filter((p) => p < 0);
  const sbData: Text =
    firstWrites.length === 0
      ? {
          en: 'The loaded data has no first-write comparison of native and threads on qcow2-on-LVM storage.',
          zh: '已加载数据中没有 qcow2-on-LVM 存储上 native 与 threads 的首次写入对比。',
        }
      : {
          en: `First writes to disks that were not pre-written: native vs threads ${firstWrites.map(fmtPct).join(', ')} (${slower.length} of ${firstWrites.length} slower). Overwrites of pre-written disks: native faster in ${overwriteWins} of ${overwriteTotal}.`,
          zh: `未预写磁盘的首次写入：native 相比 threads ${firstWrites.map(fmtPct).join('、')}（${firstWrites.length} 项中 ${slower.length} 项更慢）。已预写磁盘的覆盖写：${overwriteTotal} 项中 ${overwriteWins} 项 native 更快。`,
        };
  // 2. metadata preallocation.
  const metaRecords = records.filter((r) => r.prealloc === 'metadata' && r.layer !== 'host').length;
  const metaData: Text =
    metaRecords === 0
      ? {
          en: 'Not measured: the loaded data has no record with preallocation metadata.',
          zh: '未测量：已加载数据中没有 preallocation=metadata 的记录。',
        }
      : {
          en: `${metaRecords} record(s) with preallocation metadata are loaded; see the matrix.`,
          zh: `已加载 ${metaRecords} 条 preallocation=metadata 的记录；见矩阵。`,
        };
  // 3. io_uring and the kernel.
  const uringRecords = records.filter((r) => r.aio === 'io_uring').length;
  const changing = policy.filter((l) => l.withIoUring !== l.mode);
  const future = ioUringCapable(host);
  const uringData: Text = {
    en: `${uringRecords === 0 ? 'No io_uring run is loaded.' : `${uringRecords} io_uring run(s) are loaded.`} With io_uring available (kernel ${future.kernel}, QEMU ${future.qemu}, libvirt ${future.libvirt}), ${changing.length} of ${policy.length} policy line(s) would change: ${changing.map((l) => `${l.storage} ${l.prealloc} ${l.mode}→${l.withIoUring}`).join('; ') || 'none'}.`,
    zh: `${uringRecords === 0 ? '未加载任何 io_uring 测试。' : `已加载 ${uringRecords} 条 io_uring 测试。`}若可用 io_uring（内核 ${future.kernel}、QEMU ${future.qemu}、libvirt ${future.libvirt}），${policy.length} 条策略中有 ${changing.length} 条会改变：${changing.map((l) => `${l.storage} ${l.prealloc} ${l.mode}→${l.withIoUring}`).join('；') || '无'}。`,
  };
  return [
    {
      id: 'sharedblock-sparse',
      title: {
        en: 'Is native safe on SharedBlock (qcow2 on LVM) when the image is sparse?',
        zh: 'SharedBlock（LVM 上的 qcow2）镜像为稀疏时，native 是否安全？',
      },
      known: [
        {
          text: {
            en: 'oVirt/RHV has run qcow2 on LVM block domains with io=native and cache=none since 2011.',
            zh: 'oVirt/RHV 自 2011 年起在 LVM 块存储域上以 io=native、cache=none 运行 qcow2。',
          },
          citations: ['vdsm-driver-xml', 'rhel7-io-mode'],
        },
        {
          text: {
            en: "nova's RFC warns against native where storage is not fully pre-allocated (qcow2 that grows on demand, sparse LVM).",
            zh: 'nova 的 RFC 反对在未完全预分配的存储上使用 native（按需增长的 qcow2、稀疏 LVM）。',
          },
          citations: ['nova-rfc-mail'],
        },
        {
          text: {
            en: 'The seed team thought the filesystem-metadata risk does not apply without a host filesystem, but remained skeptical.',
            zh: '种子团队认为没有宿主机文件系统时元数据风险不适用，但仍持怀疑态度。',
          },
          citations: ['zstack-sharedblock'],
        },
      ],
      data: sbData,
      next: {
        en: 'Run first-write (not pre-written) random writes on SharedBlock with native and threads, 3 or more repeats each, and record p99 latency: allocation stalls show in the tail, not in mean IOPS.',
        zh: '在 SharedBlock 上分别以 native 和 threads 做首次写入（未预写）随机写，每种至少重复 3 次，并记录 p99 延迟：分配阻塞体现在尾延迟而非平均 IOPS。',
      },
    },
    {
      id: 'metadata-prealloc',
      title: {
        en: 'Does preallocation=metadata count as preallocated?',
        zh: 'preallocation=metadata 算不算预分配？',
      },
      known: [
        {
          text: {
            en: 'nova\'s spec lists "pre-allocated images in qcow2 format" as native-friendly without defining them.',
            zh: 'nova 规范把"qcow2 格式的预分配镜像"列为适合 native，但未加定义。',
          },
          citations: ['nova-spec'],
        },
        {
          text: {
            en: 'KubeVirt counts an image as preallocated only when its actual size reaches its virtual size, which metadata-only images do not.',
            zh: 'KubeVirt 仅在镜像实际大小达到虚拟大小时才视为预分配，仅预分配元数据的镜像达不到。',
          },
          citations: ['kubevirt-set-optimal-io'],
        },
        {
          text: {
            en: 'ZStack classified metadata as sparse.',
            zh: 'ZStack 将 metadata 归为稀疏。',
          },
          citations: ['zstack-2023q1'],
        },
      ],
      data: metaData,
      next: {
        en: 'Treat metadata as sparse (the policy does). To revisit, measure LocalStorage with preallocation metadata: first writes and overwrites, native vs threads, with p99 latency.',
        zh: '按稀疏处理（当前策略即如此）。如需重新评估，测量 LocalStorage preallocation=metadata：首次写入与覆盖写，native 对比 threads，并记录 p99 延迟。',
      },
    },
    {
      id: 'io-uring-kernel',
      title: { en: 'When can io_uring be the default?', zh: '何时可以默认使用 io_uring？' },
      known: [
        {
          text: {
            en: 'io_uring needs kernel 5.1, QEMU 5.0 and libvirt 6.3 or later.',
            zh: 'io_uring 需要内核 ≥ 5.1、QEMU ≥ 5.0、libvirt ≥ 6.3。',
          },
          citations: ['lwn-io-uring', 'qemu-io-uring-5.0', 'libvirt-formatdomain'],
        },
        {
          text: {
            en: 'RHEL 9 ships io_uring disabled although its 5.14 kernel has it.',
            zh: 'RHEL 9 的 5.14 内核虽支持 io_uring，但默认禁用。',
          },
          citations: ['rhel9-io-uring-off'],
        },
        {
          text: {
            en: 'Proxmox made io_uring its default in 2021, then had to switch it off for LVM, for krbd with a host cache and for CIFS.',
            zh: 'Proxmox 于 2021 年默认启用 io_uring，随后不得不对 LVM、带宿主机缓存的 krbd 和 CIFS 关闭它。',
          },
          citations: ['pve-78a3ada7', 'pve-628937f5', 'pve-e31762f2'],
        },
      ],
      data: uringData,
      next: {
        en: 'On the target kernel, measure io_uring against native and threads for LocalStorage with preallocation off (the default) and for SharedBlock, including first writes.',
        zh: '在目标内核上，针对 LocalStorage（默认 preallocation off）和 SharedBlock 测量 io_uring 与 native、threads 的对比，包括首次写入。',
      },
    },
  ];
}

/**
 * Builds the report from loaded records and their comparisons along aio (any of threads→native,
 * threads→io_uring, native→io_uring) for a host profile.
 */
export function buildReport(
  records: readonly ResultRecord[],
  comparisons: readonly CellComparison[],
  host: HostProfile,
  platform: PlatformDescription = ZSTACK_PLATFORM,
): ReportModel {
  const matrix = buildMatrix(records, comparisons, host);
  const preallocs = PREALLOC_ORDER.filter((p) => matrix.some((r) => r.prealloc === p));
  for (const r of matrix) if (!preallocs.includes(r.prealloc)) preallocs.push(r.prealloc);
  const grid: ReportModel['grid'] = [];
  for (const row of matrix) {
    let g = grid.find((x) => x.storage === row.storage && x.medium === row.medium);
    if (!g) {
      g = { storage: row.storage, medium: row.medium, cells: {} };
      grid.push(g);
    }
    g.cells[row.prealloc] = row;
  }
  const policy = defaultPolicy(platform, host, comparisons);
  const questions = openQuestions(records, matrix, policy, host);
  const fired = new Set(matrix.flatMap((r) => r.decision.rules ?? []));
  const rules = RULES.filter((r) => fired.has(r.id));
  const ids: string[] = [];
  for (const r of matrix) for (const s of r.decision.sources) ids.push(s.id);
  for (const l of policy) ids.push(...l.citations);
  for (const q of questions) for (const k of q.known) ids.push(...k.citations);
  for (const r of rules) ids.push(...r.citations);
  return {
    matrix,
    preallocs,
    grid,
    policy,
    evidence: evidenceGroups(matrix),
    caveats: caveats(records, matrix, comparisons),
    openQuestions: questions,
    rules,
    sources: citationsFor(ids),
  };
}
