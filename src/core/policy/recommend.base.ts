/**
 * The base of a decision, from the rules alone (rules.ts): which rules fire for a disk on a host,
 * the modes they allow in preference order, the base confidence, reasons, risks and notes of
 * assumed facts. Depends only on (environment, host), so it is memoized.
 */
import type { AioMode } from '../model/record.types';
import type {
  CellEnvironment,
  Confidence,
  HostProfile,
  Lang,
  Platform,
  PlatformChoice,
  PolicyDecision,
  Reason,
} from './policy.types';
import type { Facts } from './facts';
import { deriveFacts } from './facts';
import { platformChoices } from './platforms';
import type { Condition, Rule } from './rules';
import { RULES } from './rules';
import { bilingual, translate } from '../i18n/key-table';
import { POLICY_TEXT } from './policy.messages';
import type { PolicyMessageKey } from './policy.messages';

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

/** The host version behind each version gap, and its sentence. */
const GAP_TEXT: Record<string, { key: PolicyMessageKey; version: (h: HostProfile) => string }> = {
  kernel: { key: 'gap.kernel', version: (h) => String(h.kernel) },
  qemu: { key: 'gap.qemu', version: (h) => String(h.qemu) },
  libvirt: { key: 'gap.libvirt', version: (h) => String(h.libvirt) },
};

/** Fills {cache}, {gaps}, {prealloc}, {protocol} of a rule text. */
function fill(rule: Rule, lang: Lang, f: Facts, h: HostProfile): string {
  const t = rule.text[lang];
  if (!t.includes('{')) return t;
  return t
    .replace('{cache}', f.cache)
    .replace(
      '{prealloc}',
      f.preallocUnknown
        ? translate(POLICY_TEXT, lang, 'fill.preallocNotGiven')
        : (f.prealloc ?? ''),
    )
    .replace('{protocol}', f.protocol ? ` (${f.protocol})` : '')
    .replace(
      '{gaps}',
      f.ioUringGaps
        .filter((g) => VERSION_GAPS.has(g))
        .map((g) =>
          translate(POLICY_TEXT, lang, GAP_TEXT[g]!.key, { version: GAP_TEXT[g]!.version(h) }),
        )
        .join(translate(POLICY_TEXT, lang, 'gap.separator')),
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
export const shift = (c: Confidence, by: number, max: Confidence): Confidence => {
  const i = Math.max(0, Math.min(LEVELS.indexOf(max), LEVELS.indexOf(c) + by));
  return LEVELS[i]!;
};

/** The memoized, evidence-free part of a decision. */
export interface Base {
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
    text: bilingual(POLICY_TEXT, 'note.preallocUnknown'),
    citations: [],
  },
  cacheAssumed: {
    ruleId: 'F-cache-assumed',
    text: bilingual(POLICY_TEXT, 'note.cacheAssumed'),
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

export const MEMO_LIMIT = 20_000;
export const baseMemo = new Map<string, Base>();
export const plainMemo = new Map<string, PolicyDecision>();

export function baseFor(env: CellEnvironment, host: HostProfile, key: string): Base {
  let b = baseMemo.get(key);
  if (!b) {
    if (baseMemo.size >= MEMO_LIMIT) baseMemo.clear();
    b = evaluate(env, host);
    baseMemo.set(key, b);
  }
  return b;
}
