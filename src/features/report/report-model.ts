/**
 * Everything the decision report shows, derived from the loaded data and the host profile —
 * pure (no React), so it is tested without a browser and the page only lays it out.
 */
import type { QualityFlag, ResultRecord } from '../../core/model/record.types';
import { FLAGS } from '../../core/model/record.types';
import type { CellComparison } from '../../core/compare';
import type { ReportKey } from './report.messages';
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
  MatrixRow,
  PlatformDescription,
  PolicyLine,
  Rule,
} from '../../core/policy';

/**
 * A text of the report as a key of the shared message tables (section "report") with its values;
 * the page translates it (report-text.ts), so the model stays pure and language-free.
 */
export interface ReportMsg {
  key: ReportKey;
  vars?: Readonly<Record<string, string | number | ReportMsg | ReportList>>;
}

/** A list inside a text: joined with a language's separator, or `empty` when it has no item. */
export interface ReportList {
  items: readonly string[];
  sep: ReportKey;
  empty?: ReportKey;
}

/** One measured comparison drawn in the key-evidence chart. */
export interface EvidenceBar {
  /** Parts of the label, joined with " · ". */
  label: ReadonlyArray<string | ReportMsg>;
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
  title: ReportMsg;
  /** What the sources say (each sentence cites registry ids). */
  known: Array<{ text: ReportMsg; citations: string[] }>;
  /** What the loaded data says, computed. */
  data: ReportMsg;
  /** What to measure to settle it. */
  next: ReportMsg;
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

function barLabel(c: CellComparison): Array<string | ReportMsg> {
  const cell = c.cell;
  const pw: ReportMsg | '' =
    cell.prewritten === 'true'
      ? { key: 'report.bar.prewritten' }
      : cell.prewritten === 'false'
        ? { key: 'report.bar.firstWrite' }
        : '';
  return [
    cell.rw ?? '',
    pw,
    cell.bus ?? '',
    cell.iothread === 'true' ? 'iothread' : '',
    cell.vms && cell.vms !== '1' ? `${cell.vms} VMs` : '',
  ].filter((x) => x);
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
  const sbData: ReportMsg =
    firstWrites.length === 0
      ? { key: 'report.q.sb.none' }
      : {
          key: 'report.q.sb.data',
          vars: {
            firstWrites: { items: firstWrites.map(fmtPct), sep: 'report.listSep' },
            slower: slower.length,
            count: firstWrites.length,
            wins: overwriteWins,
            overwrites: overwriteTotal,
          },
        };
  // 2. metadata preallocation.
  const metaRecords = records.filter((r) => r.prealloc === 'metadata' && r.layer !== 'host').length;
  const metaData: ReportMsg =
    metaRecords === 0
      ? { key: 'report.q.meta.none' }
      : { key: 'report.q.meta.data', vars: { n: metaRecords } };
  // 3. io_uring and the kernel.
  const uringRecords = records.filter((r) => r.aio === 'io_uring').length;
  const changing = policy.filter((l) => l.withIoUring !== l.mode);
  const future = ioUringCapable(host);
  const uringData: ReportMsg = {
    key: 'report.q.uring.data',
    vars: {
      runs:
        uringRecords === 0
          ? { key: 'report.q.uring.noRuns' }
          : { key: 'report.q.uring.runs', vars: { n: uringRecords } },
      kernel: future.kernel,
      qemu: future.qemu,
      libvirt: future.libvirt,
      changing: changing.length,
      total: policy.length,
      lines: {
        items: changing.map((l) => `${l.storage} ${l.prealloc} ${l.mode}→${l.withIoUring}`),
        sep: 'report.listSepStrong',
        empty: 'report.none',
      },
    },
  };
  return [
    {
      id: 'sharedblock-sparse',
      title: { key: 'report.q.sb.title' },
      known: [
        {
          text: { key: 'report.q.sb.known.ovirt' },
          citations: ['vdsm-driver-xml', 'rhel7-io-mode'],
        },
        { text: { key: 'report.q.sb.known.nova' }, citations: ['nova-rfc-mail'] },
        { text: { key: 'report.q.sb.known.seed' }, citations: ['zstack-sharedblock'] },
      ],
      data: sbData,
      next: { key: 'report.q.sb.next' },
    },
    {
      id: 'metadata-prealloc',
      title: { key: 'report.q.meta.title' },
      known: [
        { text: { key: 'report.q.meta.known.nova' }, citations: ['nova-spec'] },
        { text: { key: 'report.q.meta.known.kubevirt' }, citations: ['kubevirt-set-optimal-io'] },
        { text: { key: 'report.q.meta.known.zstack' }, citations: ['zstack-2023q1'] },
      ],
      data: metaData,
      next: { key: 'report.q.meta.next' },
    },
    {
      id: 'io-uring-kernel',
      title: { key: 'report.q.uring.title' },
      known: [
        {
          text: { key: 'report.q.uring.known.versions' },
          citations: ['lwn-io-uring', 'qemu-io-uring-5.0', 'libvirt-formatdomain'],
        },
        { text: { key: 'report.q.uring.known.rhel9' }, citations: ['rhel9-io-uring-off'] },
        {
          text: { key: 'report.q.uring.known.proxmox' },
          citations: ['pve-78a3ada7', 'pve-628937f5', 'pve-e31762f2'],
        },
      ],
      data: uringData,
      next: { key: 'report.q.uring.next' },
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
