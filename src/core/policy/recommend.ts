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
 *
 * This file: the decision. Beside it: recommend.base.ts (the rules' part), recommend.evidence.ts
 * (which comparisons count, summed per pair of modes), evidence.rules.ts (the evidence rules as
 * data: ids, sentences, citations), policy.messages.ts (the sentences, en and zh).
 */
import type { AioMode } from '../model/record.types';
import { AIO_MODES } from '../model/record.types';
import type { CellComparison } from '../compare/compare.types';
import type {
  CellEnvironment,
  Confidence,
  EvidenceSummary,
  HostProfile,
  Lang,
  PolicyDecision,
  Reason,
  Recommendation,
} from './policy.types';
import { citationsFor } from './citations';
import type { Facts } from './facts';
import { envKey } from './facts';
import { hostKey } from './host-profile';
import type { PolicyMessageKey } from './policy.messages';
import { evidenceReason } from './evidence.rules';
import { MEMO_LIMIT, baseFor, baseMemo, plainMemo, shift } from './recommend.base';
import type { Base } from './recommend.base';
import { fmtPct, pairReason, summarizeEvidence, wins } from './recommend.evidence';
import type { EvidenceHint } from './recommend.evidence';
import { stallEvidence } from './stall-evidence';

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
    reasons.push(
      evidenceReason('invalidNative', 'evidence.invalidNative', {
        n: ev.skippedInvalid,
        cache: f.cache,
      }),
    );
  }
  if (ev.skippedFlagged > 0) {
    reasons.push(evidenceReason('flagged', 'evidence.flagged', { n: ev.skippedFlagged }));
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
      reasons.push(evidenceReason('winner', 'evidence.winner', { best, mode }));
      mode = best;
      ev.changedByEvidence = true;
    }
    // Measured stalls of native on an unwritten disk count against native (issue 15.3).
    const stalls = stallEvidence(evidence, b, mode, hint, ev);
    if (stalls) {
      mode = stalls.mode;
      confidence = shift(confidence, stalls.confidenceShift, b.maxConfidence);
      (stalls.risk ? risks : reasons).push(stalls.reason);
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
      reasons.push(
        evidenceReason('mixed', support > 0 ? 'evidence.mixed' : 'evidence.against', {
          support,
          against,
          mode,
        }),
      );
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
      const message: PolicyMessageKey = b.forbidden.has(m)
        ? 'evidence.excluded.forbidden'
        : sparse && m === 'native'
          ? 'evidence.excluded.sparseNative'
          : 'evidence.excluded.unacceptable';
      reasons.push(evidenceReason('excludedFaster', message, { mode: m, n: w }));
    }
    // Allocation-path regressions of native (first writes to an unwritten disk).
    if (mode === 'native') {
      const fw: number[] = [];
      for (const p of ev.pairs) if (p.candidate === 'native') fw.push(...p.firstWriteRegressions);
      if (fw.length > 0) {
        const list = fw.map(fmtPct).join(', ');
        risks.push(evidenceReason('firstWrite', 'evidence.firstWrite', { list }));
      }
    }
    const decided = ev.pairs.reduce((n, p) => n + p.improvement + p.regression + p.noDifference, 0);
    const same = ev.pairs.reduce((n, p) => n + p.noDifference, 0);
    if (decided > 0 && same === decided && f.medium === 'hdd') {
      reasons.push(evidenceReason('hddSame', 'evidence.hddSame', { n: same }));
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
