/** Evidence rules are data: their citations exist, their sentences exist in both languages. */
import { describe, expect, it } from 'vitest';
import { tableMismatches } from '../i18n/key-table';
import { citation } from './citations';
import { EVIDENCE_RULES, evidenceReason } from './evidence.rules';
import type { EvidenceRuleName } from './evidence.rules';
import { POLICY_TEXT } from './policy.messages';

describe('evidence rules', () => {
  const rules = Object.entries(EVIDENCE_RULES);
  it('cite only registered, citable sources', () => {
    for (const [, r] of rules) for (const id of r.citations) expect(citation(id), id).toBeDefined();
  });
  it('have unique ids starting with E-', () => {
    const ids = rules.map(([, r]) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^E-/);
  });
  it('give their sentences in both languages with the same placeholders', () => {
    expect(tableMismatches(POLICY_TEXT)).toEqual([]);
    for (const [, r] of rules)
      for (const key of r.messages) expect(POLICY_TEXT.en[key].length).toBeGreaterThan(0);
  });
  it('carry the rule id and citations into the reason', () => {
    const r = evidenceReason('hddSame' satisfies EvidenceRuleName, 'evidence.hddSame', { n: 3 });
    expect(r.ruleId).toBe('E-hdd-same');
    expect(r.citations).toEqual(['zstack-hdd']);
    expect(r.text.en).toContain('all 3 usable');
    expect(r.text.zh).toContain('全部 3 项');
  });
});
