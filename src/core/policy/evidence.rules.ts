/**
 * The evidence rules of the policy, as data like the rules of rules.ts: each has an id (the
 * `ruleId` of the reasons it gives), its sentences (keys of the policy's message table) and its
 * citations (ids in citations.ts). The decision (recommend.ts) says when each applies;
 * evidence.rules.test.ts checks every citation exists and every key is in the table.
 */
import type { MessageVars } from '../i18n/interpolate';
import { bilingual } from '../i18n/key-table';
import type { PolicyMessageKey } from './policy.messages';
import { POLICY_TEXT } from './policy.messages';
import type { Reason } from './policy.types';

export interface EvidenceRule {
  id: string;
  /** What the evidence says, in words. */
  summary: string;
  /** The sentences this rule may give (one is chosen by the decision). */
  messages: readonly PolicyMessageKey[];
  citations: readonly string[];
}

export const EVIDENCE_RULES = {
  measured: {
    id: 'E-measured',
    summary: 'what was measured in this cell, per pair of modes',
    messages: ['evidence.measured'],
    citations: [],
  },
  invalidNative: {
    id: 'E-invalid-native',
    summary: 'comparisons of native without O_DIRECT are left out: they measured threads',
    messages: ['evidence.invalidNative'],
    citations: ['qemu-file-posix', 'nova-cache-interlock'],
  },
  flagged: {
    id: 'E-flagged',
    summary: 'comparisons resting on flagged records are left out',
    messages: ['evidence.flagged'],
    citations: [],
  },
  winner: {
    id: 'E-winner',
    summary: 'the measured winner among the acceptable modes is recommended',
    messages: ['evidence.winner'],
    citations: [],
  },
  mixed: {
    id: 'E-mixed',
    summary: 'an acceptable alternative measured faster: confidence one step down',
    messages: ['evidence.mixed', 'evidence.against'],
    citations: [],
  },
  excludedFaster: {
    id: 'E-excluded-faster',
    summary: 'a faster mode that is not acceptable here is reported, not chosen',
    messages: [
      'evidence.excluded.forbidden',
      'evidence.excluded.sparseNative',
      'evidence.excluded.unacceptable',
    ],
    citations: [],
  },
  firstWrite: {
    id: 'E-first-write',
    summary: 'native slower on first writes to an unwritten disk: the allocation path (a risk)',
    messages: ['evidence.firstWrite'],
    citations: [],
  },
  hddSame: {
    id: 'E-hdd-same',
    summary: 'on HDD no mode differs: the choice does not matter for speed',
    messages: ['evidence.hddSame'],
    citations: ['zstack-hdd'],
  },
  tailStalls: {
    id: 'E-tail-stalls',
    summary:
      'measured stalls of native (mean holds, p99.9 or max worsens) on a disk not yet written count against native',
    messages: ['evidence.tailStalls', 'evidence.tailStalls.switch', 'evidence.tailStalls.risk'],
    // The sparse-file rule's sources: KubeVirt's IONative warning and nova's aio-mode spec.
    citations: ['kubevirt-ionative-doc', 'nova-spec'],
  },
} as const satisfies Record<string, EvidenceRule>;

export type EvidenceRuleName = keyof typeof EVIDENCE_RULES;

/** The reason an evidence rule gives, in both languages, with the rule's citations. */
export function evidenceReason(
  rule: EvidenceRuleName,
  message: PolicyMessageKey,
  vars?: MessageVars,
): Reason {
  const r: EvidenceRule = EVIDENCE_RULES[rule];
  return { ruleId: r.id, text: bilingual(POLICY_TEXT, message, vars), citations: [...r.citations] };
}
