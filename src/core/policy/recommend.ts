/**
 * The policy engine: one decision per cell. Rules (rules.ts) give the valid modes in preference
 * order with a base confidence; the measured evidence of the cell (comparisons from the
 * comparison engine) may pick between acceptable modes and moves the confidence one step.
 *
 * Evidence never rests on a flagged record: a comparison whose statistics used a flagged record
 * is left out (counted in `evidence.skippedFlagged`). Comparisons of `native` without O_DIRECT are
 * left out too: that configuration is invalid, so what was measured was really threads.
 *
 * Cost: the rule part depends only on (environment, host) and is memoized; evidence is a few
 * counting loops. Decisions without evidence are shared objects — do not mutate them.
 */
import type { AioMode, ResultRecord } from '../model/record.types';
import { AIO_MODES } from '../model/record.types';
import type { CellComparison } from '../compare/compare.types';
import { deltaOf } from '../compare/cell';
import type {
  CellEnvironment,
  Confidence,
  EvidencePair,
  EvidenceSummary,
  HostProfile,
  Lang,
  Platform,
  PlatformChoice,
  PolicyDecision,
  Reason,
  Recommendation,
} from './policy.types';
import { citationsFor } from './citations';
import type { Facts } from './facts';
import { deriveFacts, envKey } from './facts';
import { hostKey } from './host-profile';
import { platformChoices } from './platforms';
import type { Condition, Rule } from './rules';
import { RULES } from './rules';

// ── Rule evaluation ─────────────────────────────────────────────────────────────────────────

const VERSION_GAPS = new Set(['kernel', 'qemu', 'libvirt']);

/** Does a rule's condition hold for these facts? */
export function matches(c: Condition, f: Facts): boolean {
  if (c.layout && !c.layout.includes(f.layout)) return false;
  if (c.cacheDirect !== undefined && c.cacheDirect !== f.cacheDirect) return false;
  if (c.ioUringAvailable !== undefined && c.ioUringAvailable !== f.ioUringAvailable) return false;
  if (
    c.ioUringVersionGap !== undefined &&
    c.ioUringVersionGap !== f.ioUringGaps.some((g) => VERSION_GAPS.has(g))
  )
    return false;
  if (c.ioUringDisabled !== undefined && c.ioUringDisabled !== f.ioUringGaps.includes('disabled'))
    return false;
  if (c.lvm !== undefined && c.lvm !== f.lvm) return false;
  if (c.krbd !== undefined && c.krbd !== f.krbd) return false;
  if (c.preallocated !== undefined && c.preallocated !== f.preallocated) return false;
  if (c.prealloc && !c.prealloc.includes(f.prealloc)) return false;
  if (c.medium && !c.medium.includes(f.medium)) return false;
  if (c.iothread && !c.iothread.includes(f.iothread)) return false;
  if (c.qemuWarnOnlyFallback !== undefined && c.qemuWarnOnlyFallback !== f.qemuWarnOnlyFallback)
    return false;
  if (c.platform && !c.platform.includes(f.platform)) return false;
  return true;
}

const GAP_TEXT: Record<string, (h: HostProfile) => Record<Lang, string>> = {
  kernel: (h) => ({ en: `kernel ${h.kernel} < 5.1`, zh: `内核 ${h.kernel} < 5.1` }),
  qemu: (h) => ({ en: `QEMU ${h.qemu} < 5.0`, zh: `QEMU ${h.qemu} < 5.0` }),
  libvirt: (h) => ({ en: `libvirt ${h.libvirt} < 6.3`, zh: `libvirt ${h.libvirt} < 6.3` }),
};

/** Fills {cache}, {gaps}, {prealloc}, {protocol} of a rule text. */
function fill(rule: Rule, lang: Lang, f: Facts, h: HostProfile): string {
  const t = rule.text[lang];
  if (!t.includes('{')) return t;
  return t
    .replace('{cache}', f.cache)
    .replace(
      '{prealloc}',
      f.preallocUnknown ? (lang === 'en' ? 'not given' : '未给出') : (f.prealloc ?? ''),
    )
    .replace('{protocol}', f.protocol ? ` (${f.protocol})` : '')
    .replace(
      '{gaps}',
      f.ioUringGaps
        .filter((g) => VERSION_GAPS.has(g))
        .map((g) => GAP_TEXT[g]!(h)[lang])
        .join(lang === 'en' ? ', ' : '，'),
    );
}

function reasonOf(rule: Rule, f: Facts, h: HostProfile): Reason {
  return {
    ruleId: rule.id,
    text: { en: fill(rule, 'en', f, h), zh: fill(rule, 'zh', f, h) },
    citations: [...rule.citations],
  };
}

const LEVELS: readonly Confidence[] = ['low', 'medium', 'high'];
const shift = (c: Confidence, by: number, max: Confidence): Confidence => {
  const i = Math.max(0, Math.min(LEVELS.indexOf(max), LEVELS.indexOf(c) + by));
  return LEVELS[i]!;
};

/** The memoized, evidence-free part of a decision. */
interface Base {
  facts: Facts;
  notApplicable: boolean;
  /** Valid, not-avoided modes in preference order (empty for n/a). */
  candidates: AioMode[];
  /** Modes removed by hard rules (invalid or unavailable here). */
  forbidden: Set<AioMode>;
  /** Valid modes removed by avoid rules (a platform switched them off for stability). */
  avoided: Set<AioMode>;
  confidence: Confidence;
  maxConfidence: Confidence;
  contested: boolean;
  layoutReason: Reason | null;
  hardReasons: Reason[];
  notes: Reason[];
  warnings: Reason[];
  riskByMode: Map<AioMode, Reason[]>;
  fired: string[];
  platforms: Record<Platform, PlatformChoice>;
}

const FACT_NOTES = {
  preallocUnknown: {
    ruleId: 'F-prealloc-unknown',
    text: {
      en: 'Preallocation not given: treated as sparse, the safe assumption.',
      zh: '未给出预分配方式：按稀疏处理（安全假设）。',
    },
    citations: [],
  },
  cacheAssumed: {
    ruleId: 'F-cache-assumed',
    text: {
      en: 'Cache mode not given: assumed none, the default of nova, oVirt, Proxmox and KubeVirt when O_DIRECT works.',
      zh: '未给出缓存模式：假设为 none（O_DIRECT 可用时 nova、oVirt、Proxmox、KubeVirt 的默认值）。',
    },
    citations: ['nova-cache-interlock', 'vdsm-driver-xml', 'pve-drive-pm'],
  },
} satisfies Record<string, Reason>;

function evaluate(env: CellEnvironment, host: HostProfile): Base {
  const f = deriveFacts(env, host);
  const fired: string[] = [];
  const hardReasons: Reason[] = [];
  const forbidden = new Set<AioMode>();
  const avoided = new Set<AioMode>();
  let notApplicable = false;
  const hard: Rule[] = [];
  for (const r of RULES) {
    if (r.stage !== 'hard' || !matches(r.condition, f)) continue;
    fired.push(r.id);
    hard.push(r);
    if (r.effect.kind === 'not-applicable') notApplicable = true;
    else if (r.effect.kind === 'forbid') forbidden.add(r.effect.mode);
  }
  const platforms = platformChoices(f);
  if (notApplicable) {
    const h3 = hard.find((r) => r.effect.kind === 'not-applicable')!;
    return {
      facts: f,
      notApplicable,
      candidates: [],
      forbidden,
      avoided,
      confidence: 'high',
      maxConfidence: 'high',
      contested: false,
      layoutReason: null,
      hardReasons: [reasonOf(h3, f, host)],
      notes: [],
      warnings: [],
      riskByMode: new Map(),
      fired,
      platforms,
    };
  }
  const layout = RULES.find((r) => r.stage === 'layout' && matches(r.condition, f));
  const eff = layout?.effect.kind === 'layout' ? layout.effect : null;
  if (layout) fired.push(layout.id);
  const prefer: readonly AioMode[] = eff?.prefer ?? ['threads'];
  // Hard rules are worth saying only when they removed a mode the layout would consider.
  for (const r of hard)
    if (r.effect.kind === 'forbid' && prefer.includes(r.effect.mode))
      hardReasons.push(reasonOf(r, f, host));
  let candidates = prefer.filter((m) => !forbidden.has(m));
  const warnings: Reason[] = [];
  const riskByMode = new Map<AioMode, Reason[]>();
  const notes: Reason[] = [];
  for (const r of RULES) {
    if (r.stage === 'hard' || r.stage === 'layout' || !matches(r.condition, f)) continue;
    const e = r.effect;
    if (e.kind === 'avoid') {
      if (!candidates.includes(e.mode)) continue;
      candidates = candidates.filter((m) => m !== e.mode);
      avoided.add(e.mode);
      warnings.push(reasonOf(r, f, host));
    } else if (e.kind === 'warn') warnings.push(reasonOf(r, f, host));
    else if (e.kind === 'risk') {
      for (const m of e.modes) {
        const list = riskByMode.get(m) ?? [];
        list.push(reasonOf(r, f, host));
        riskByMode.set(m, list);
      }
    } else if (e.kind === 'note') {
      // The parity note only matters when both native and io_uring remain.
      if (
        r.id === 'M-parity' &&
        !(candidates.includes('native') && candidates.includes('io_uring'))
      )
        continue;
      notes.push(reasonOf(r, f, host));
    } else continue;
    fired.push(r.id);
  }
  // threads is always valid (QEMU's default): the last resort.
  if (candidates.length === 0) candidates = ['threads'];
  let confidence: Confidence = eff?.confidence ?? 'low';
  if (f.preallocUnknown) {
    confidence = shift(confidence, -1, 'high');
    notes.unshift(FACT_NOTES.preallocUnknown);
  }
  if (f.cacheAssumed) notes.unshift(FACT_NOTES.cacheAssumed);
  return {
    facts: f,
    notApplicable,
    candidates,
    forbidden,
    avoided,
    confidence,
    maxConfidence: eff?.maxConfidence ?? 'high',
    contested: eff?.contested ?? false,
    layoutReason: layout ? reasonOf(layout, f, host) : null,
    hardReasons,
    notes,
    warnings,
    riskByMode,
    fired,
    platforms,
  };
}

const MEMO_LIMIT = 20_000;
const baseMemo = new Map<string, Base>();
const plainMemo = new Map<string, PolicyDecision>();

function baseFor(env: CellEnvironment, host: HostProfile, key: string): Base {
  let b = baseMemo.get(key);
  if (!b) {
    if (baseMemo.size >= MEMO_LIMIT) baseMemo.clear();
    b = evaluate(env, host);
    baseMemo.set(key, b);
  }
  return b;
}

// ── Evidence ────────────────────────────────────────────────────────────────────────────────

const isAio = (v: unknown): v is AioMode =>
  typeof v === 'string' && (AIO_MODES as readonly string[]).includes(v);
const WRITES = new Set(['write', 'randwrite', 'rw', 'randrw']);

function sideMode(c: CellComparison, side: 'baseline' | 'candidate'): AioMode | null {
  const s = c[side];
  const r = s.used[0] ?? s.records[0];
  return r && isAio(r.aio) ? r.aio : null;
}

const NO_MEASUREMENT: ReadonlySet<string> = new Set(['incomplete', 'failed-run']);

function anyFlagged(records: readonly ResultRecord[]): boolean {
  for (let i = 0; i < records.length; i++) if (records[i]!.flags.length > 0) return true;
  return false;
}

/** An empty side whose measured, non-restated records were flagged (and so excluded). */
function emptiedByFlags(records: readonly ResultRecord[]): boolean {
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.flags.length === 0 || r.restates !== null) continue;
    let measured = true;
    for (const f of r.flags) if (NO_MEASUREMENT.has(f)) measured = false;
    if (measured) return true;
  }
  return false;
}

/**
 * Why a comparison cannot be used: 'flagged' when its statistics rest on a flagged record, or a
 * side is empty because its measured records were flagged and excluded; 'empty' when a side has
 * no measurement at all (blank or failed rows); null when usable.
 */
function unusable(c: CellComparison, flaggedExcluded: boolean): 'flagged' | 'empty' | null {
  // A cell without flags cannot rest on a flagged record; with flags excluded by the engine,
  // `used` holds none. Only otherwise are the records themselves read (the slow part).
  if (
    !flaggedExcluded &&
    c.flags.length > 0 &&
    (anyFlagged(c.baseline.used) || anyFlagged(c.candidate.used))
  )
    return 'flagged';
  // A decided verdict needs runs on both sides: no need to look at the sides.
  if (c.verdict !== 'inconclusive' || (c.baseline.n > 0 && c.candidate.n > 0)) return null;
  if (c.flags.length === 0) return 'empty';
  // The engine excluded flagged records: an empty side with exclusions was emptied by flags.
  if (flaggedExcluded) return c.excludedFlagged > 0 ? 'flagged' : 'empty';
  if (
    (c.baseline.n === 0 && emptiedByFlags(c.baseline.records)) ||
    (c.candidate.n === 0 && emptiedByFlags(c.candidate.records))
  )
    return 'flagged';
  return 'empty';
}

const MODE_INDEX: Readonly<Record<AioMode, number>> = { threads: 0, native: 1, io_uring: 2 };

/**
 * What all comparisons of one `compare()` call share, so the hot path need not read records:
 * the aio modes of its two sides and whether flagged records were excluded from statistics.
 */
export interface EvidenceHint {
  baseline: AioMode;
  candidate: AioMode;
  excludeFlagged: boolean;
}

/**
 * Summarizes comparisons into per-pair verdict counts; skips flagged, empty and invalid ones.
 * Hot path (every cell of a large set): no allocation per comparison, and with a hint no read
 * of the records (on a 100k set they are scattered in memory: each read is a cache miss).
 */
export function summarizeEvidence(
  comparisons: readonly CellComparison[],
  f: Facts,
  hint?: EvidenceHint,
): EvidenceSummary {
  const slots: (EvidencePair | undefined)[] = new Array<EvidencePair | undefined>(9);
  const pairs: EvidencePair[] = [];
  let used = 0;
  let skippedFlagged = 0;
  let skippedInvalid = 0;
  let skippedEmpty = 0;
  for (let i = 0; i < comparisons.length; i++) {
    const c = comparisons[i]!;
    const b = hint ? hint.baseline : sideMode(c, 'baseline');
    const k = hint ? hint.candidate : sideMode(c, 'candidate');
    if (b === null || k === null || b === k) continue;
    const why = unusable(c, hint?.excludeFlagged ?? false);
    if (why === 'flagged') {
      skippedFlagged++;
      continue;
    }
    if (why === 'empty') {
      skippedEmpty++;
      continue;
    }
    if (!f.cacheDirect && (b === 'native' || k === 'native')) {
      skippedInvalid++;
      continue;
    }
    used++;
    const slot = MODE_INDEX[b] * 3 + MODE_INDEX[k];
    let p = slots[slot];
    if (!p) {
      p = {
        baseline: b,
        candidate: k,
        improvement: 0,
        regression: 0,
        noDifference: 0,
        inconclusive: 0,
        minPct: null,
        maxPct: null,
        singleRun: 0,
        firstWriteRegressions: [],
      };
      slots[slot] = p;
      pairs.push(p);
    }
    const verdict = c.verdict;
    if (verdict === 'inconclusive') {
      p.inconclusive++;
      continue;
    }
    // Deltas are read only for decided comparisons (each read is a likely cache miss).
    // The primary delta: IOPS, else mean latency (its pct negated so that positive is better).
    // deltaOf() reads it without building the cell's MetricDelta objects.
    const throughput = deltaOf(c, 'iops') ?? deltaOf(c, 'iops_total');
    const primary = throughput ?? deltaOf(c, 'lat_mean_us');
    const pct = primary === undefined ? null : throughput ? primary.pct : -(primary.pct as number);
    if (verdict === 'improvement') p.improvement++;
    else if (verdict === 'regression') {
      p.regression++;
      if (c.cell.prewritten === 'false' && WRITES.has(c.cell.rw ?? '') && pct !== null)
        p.firstWriteRegressions.push(pct);
    } else p.noDifference++;
    if (pct !== null) {
      if (p.minPct === null || pct < p.minPct) p.minPct = pct;
      if (p.maxPct === null || pct > p.maxPct) p.maxPct = pct;
    }
    if (primary?.singleRun) p.singleRun++;
  }
  return {
    given: comparisons.length,
    used,
    skippedFlagged,
    skippedInvalid,
    skippedEmpty,
    pairs,
    changedByEvidence: false,
    confidenceShift: 0,
  };
}

/** How often `a` measured better than `b` (either comparison direction). */
function wins(pairs: readonly EvidencePair[], a: AioMode, b: AioMode): number {
  let n = 0;
  for (const p of pairs) {
    if (p.baseline === b && p.candidate === a) n += p.improvement;
    else if (p.baseline === a && p.candidate === b) n += p.regression;
  }
  return n;
}

const fmtPct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;

function pairReason(p: EvidencePair): Reason {
  const decided = p.improvement + p.regression + p.noDifference;
  const lo = p.minPct;
  const hi = p.maxPct;
  const range =
    lo === null || hi === null
      ? ''
      : lo === hi
        ? ` (${fmtPct(lo)})`
        : ` (${fmtPct(lo)} … ${fmtPct(hi)})`;
  const single = p.singleRun > 0 && p.singleRun === decided;
  const incon = p.inconclusive > 0 ? `, ${p.inconclusive} inconclusive` : '';
  const inconZh = p.inconclusive > 0 ? `，${p.inconclusive} 项无定论` : '';
  return {
    ruleId: 'E-measured',
    text: {
      en: `Measured here, ${p.candidate} vs ${p.baseline}: ${p.improvement} faster, ${p.noDifference} same, ${p.regression} slower${incon}${range}${single ? '; single runs, no repeats' : ''}.`,
      zh: `本单元实测 ${p.candidate} 对比 ${p.baseline}：${p.improvement} 项更快，${p.noDifference} 项持平，${p.regression} 项更慢${inconZh}${range}${single ? '；均为单次测试，无重复' : ''}。`,
    },
    citations: [],
  };
}

// ── Decision ────────────────────────────────────────────────────────────────────────────────

/** The libvirt <driver> line that applies a decision. */
export function libvirtDriverXml(env: CellEnvironment, f: Facts, mode: Recommendation): string {
  const type = env.format ?? (f.layout === 'block-qcow2-lvm' ? 'qcow2' : null);
  let s = "<driver name='qemu'";
  if (type) s += ` type='${type}'`;
  s += ` cache='${f.cache}'`;
  if (mode !== 'n/a') s += ` io='${mode}'`;
  if (env.iothread === true) s += " iothread='1'";
  return s + '/>';
}

function assemble(
  env: CellEnvironment,
  b: Base,
  mode: Recommendation,
  confidence: Confidence,
  extraReasons: Reason[],
  extraRisks: Reason[],
  evidence: EvidenceSummary | undefined,
): PolicyDecision {
  const reasons: Reason[] = [];
  if (b.layoutReason) reasons.push(b.layoutReason);
  reasons.push(...b.hardReasons, ...extraReasons, ...b.notes);
  const risks: Reason[] = [...extraRisks, ...b.warnings];
  if (mode !== 'n/a') risks.push(...(b.riskByMode.get(mode) ?? []));
  const ids: string[] = [];
  for (const r of reasons) ids.push(...r.citations);
  for (const r of risks) ids.push(...r.citations);
  const acceptable: Recommendation[] =
    mode === 'n/a' ? ['n/a'] : [mode, ...b.candidates.filter((m) => m !== mode)];
  const decision: PolicyDecision = {
    recommendation: mode,
    confidence,
    acceptable,
    reasons,
    risks,
    sources: citationsFor(ids),
    platforms: b.platforms,
    libvirtXml: libvirtDriverXml(env, b.facts, mode),
    contested: b.contested,
    layout: b.facts.layout,
    rules: b.fired,
  };
  if (evidence) decision.evidence = evidence;
  return decision;
}

/**
 * Recommends an aio mode for one cell.
 * @param env the disk (from a cell or described by hand)
 * @param host the host profile (kernel, QEMU, libvirt, io_uring switch, platform)
 * @param evidence this cell's comparisons along aio (threads→native, threads→io_uring,
 *   native→io_uring …) from the comparison engine; [] when there is no data
 * @param _lang the user's language; reasons carry both languages, use `reasonText` to pick one
 * @returns the decision; never throws. Without evidence the result is memoized and shared.
 */
export function recommend(
  env: CellEnvironment,
  host: HostProfile,
  evidence: readonly CellComparison[] = [],
  _lang: Lang = 'en',
): PolicyDecision {
  return recommendWith(env, host, evidence, undefined);
}

/** recommend() for comparisons that all come from one compare() call described by `hint`. */
export function recommendWith(
  env: CellEnvironment,
  host: HostProfile,
  evidence: readonly CellComparison[],
  hint: EvidenceHint | undefined,
): PolicyDecision {
  const key = envKey(env) + '#' + hostKey(host);
  const b = baseFor(env, host, key);
  if (b.notApplicable) {
    let d = plainMemo.get(key);
    if (!d) {
      d = assemble(env, b, 'n/a', 'high', [], [], undefined);
      if (plainMemo.size >= MEMO_LIMIT) plainMemo.clear();
      plainMemo.set(key, d);
    }
    return d;
  }
  if (evidence.length === 0) {
    let d = plainMemo.get(key);
    if (!d) {
      d = assemble(env, b, b.candidates[0]!, b.confidence, [], [], undefined);
      if (plainMemo.size >= MEMO_LIMIT) plainMemo.clear();
      plainMemo.set(key, d);
    }
    return d;
  }
  return withEvidence(env, b, evidence, hint);
}

function withEvidence(
  env: CellEnvironment,
  b: Base,
  evidence: readonly CellComparison[],
  hint: EvidenceHint | undefined,
): PolicyDecision {
  const f = b.facts;
  const ev = summarizeEvidence(evidence, f, hint);
  const reasons: Reason[] = [];
  const risks: Reason[] = [];
  let mode: AioMode = b.candidates[0]!;
  let confidence = b.confidence;
  if (ev.skippedInvalid > 0) {
    reasons.push({
      ruleId: 'E-invalid-native',
      text: {
        en: `${ev.skippedInvalid} comparison(s) of native with cache=${f.cache} left out: that configuration is invalid, so the "native" runs were really threads or could not start.`,
        zh: `已排除 ${ev.skippedInvalid} 项 cache=${f.cache} 下的 native 对比：该配置无效，所谓"native"实际运行的是 threads 或无法启动。`,
      },
      citations: ['qemu-file-posix', 'nova-cache-interlock'],
    });
  }
  if (ev.skippedFlagged > 0) {
    reasons.push({
      ruleId: 'E-flagged',
      text: {
        en: `${ev.skippedFlagged} comparison(s) rest on flagged records and were not used.`,
        zh: `${ev.skippedFlagged} 项对比依赖被标记的记录，未被采用。`,
      },
      citations: [],
    });
  }
  if (ev.used > 0) {
    for (const p of ev.pairs) reasons.push(pairReason(p));
    // The measured winner among acceptable modes.
    let best: AioMode | null = null;
    let bestNet = 0;
    for (const a of b.candidates) {
      if (a === mode) continue;
      const w = wins(ev.pairs, a, mode);
      const net = w - wins(ev.pairs, mode, a);
      if (w > 0 && net > bestNet) {
        best = a;
        bestNet = net;
      }
    }
    if (best) {
      reasons.push({
        ruleId: 'E-winner',
        text: {
          en: `${best} measured faster than ${mode} here, and both are acceptable for this disk: ${best} is recommended.`,
          zh: `本单元实测 ${best} 快于 ${mode}，且两者对该磁盘均可接受：推荐 ${best}。`,
        },
        citations: [],
      });
      mode = best;
      ev.changedByEvidence = true;
    }
    // Confidence: support and contradiction from acceptable alternatives only. A faster mode
    // that was excluded for safety does not make the safe choice less right; it is reported.
    let support = 0;
    let against = 0;
    for (const m of AIO_MODES) {
      if (m === mode) continue;
      support += wins(ev.pairs, mode, m);
      if (b.candidates.includes(m)) against += wins(ev.pairs, m, mode);
    }
    if (against > 0) {
      confidence = shift(confidence, -1, b.maxConfidence);
      ev.confidenceShift = -1;
      reasons.push({
        ruleId: 'E-mixed',
        text:
          support > 0
            ? {
                en: `The evidence is mixed (${support} for ${mode}, ${against} against): confidence lowered.`,
                zh: `证据不一致（${support} 项支持 ${mode}，${against} 项相反）：降低置信度。`,
              }
            : {
                en: `The evidence goes against ${mode} (${against} comparison(s)): confidence lowered.`,
                zh: `证据与 ${mode} 相反（${against} 项对比）：降低置信度。`,
              },
        citations: [],
      });
    } else if (support >= 2) {
      const raised = shift(confidence, 1, b.maxConfidence);
      if (raised !== confidence) {
        confidence = raised;
        ev.confidenceShift = 1;
      }
    }
    // Faster modes that are not acceptable here (e.g. native on a sparse file).
    for (const m of AIO_MODES) {
      if (b.candidates.includes(m)) continue;
      const w = wins(ev.pairs, m, mode);
      if (w === 0) continue;
      const sparse =
        f.layout === 'file-sparse' ||
        ((f.layout === 'nfs' || f.layout === 'cifs') && !f.preallocated);
      reasons.push({
        ruleId: 'E-excluded-faster',
        text: b.forbidden.has(m)
          ? {
              en: `${m} measured faster in ${w} comparison(s), but it cannot be used on this host or disk (see above).`,
              zh: `${m} 在 ${w} 项对比中更快，但在此主机或磁盘上无法使用（见上文）。`,
            }
          : sparse && m === 'native'
            ? {
                en: `native measured faster in ${w} comparison(s), but mean IOPS cannot show allocation stalls. To get that speed safely, preallocate the disk (full) and use native, or use io_uring on a kernel that has it.`,
                zh: `native 在 ${w} 项对比中更快，但平均 IOPS 反映不出分配阻塞。若要安全地获得该性能：将磁盘完全预分配（full）后使用 native，或在支持 io_uring 的内核上使用 io_uring。`,
              }
            : {
                en: `${m} measured faster in ${w} comparison(s), but it is not acceptable for this disk (see risks).`,
                zh: `${m} 在 ${w} 项对比中更快，但对该磁盘不可接受（见风险）。`,
              },
        citations: [],
      });
    }
    // Allocation-path regressions of native (first writes to an unwritten disk).
    if (mode === 'native') {
      const fw: number[] = [];
      for (const p of ev.pairs) if (p.candidate === 'native') fw.push(...p.firstWriteRegressions);
      if (fw.length > 0) {
        const list = fw.map(fmtPct).join(', ');
        risks.push({
          ruleId: 'E-first-write',
          text: {
            en: `Measured here: native was slower than threads on first writes to a disk that was not pre-written (${list}) — the allocation path.`,
            zh: `本单元实测：在未预先写满的磁盘上首次写入时 native 慢于 threads（${list}）——即分配路径。`,
          },
          citations: [],
        });
      }
    }
    const decided = ev.pairs.reduce((n, p) => n + p.improvement + p.regression + p.noDifference, 0);
    const same = ev.pairs.reduce((n, p) => n + p.noDifference, 0);
    if (decided > 0 && same === decided && f.medium === 'hdd') {
      reasons.push({
        ruleId: 'E-hdd-same',
        text: {
          en: `HDD: no difference between the modes in all ${same} usable comparison(s) here. The choice does not matter for speed on this medium.`,
          zh: `HDD：本单元全部 ${same} 项可用对比中各模式无差别。在该介质上模式选择不影响性能。`,
        },
        citations: ['zstack-hdd'],
      });
    }
  }
  return assemble(env, b, mode, confidence, reasons, risks, ev);
}

/** The text of a reason in one language. */
export function reasonText(r: Reason, lang: Lang): string {
  return r.text[lang];
}

/** Clears the memo (tests and benchmarks). */
export function clearPolicyMemo(): void {
  baseMemo.clear();
  plainMemo.clear();
}
