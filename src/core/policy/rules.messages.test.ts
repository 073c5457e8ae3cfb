/** The rules' key table: every rule has a text, every text a rule (languages: messages.test.ts). */
import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '../i18n/interpolate';
import { RULES } from './rules';
import { RULE_TEXT } from './rules.messages';

/** The placeholders recommend.base.ts `fill` knows. */
const FILLED = new Set(['cache', 'gaps', 'prealloc', 'protocol']);

describe('rule texts', () => {
  it('has one text per rule, keyed by the rule id', () => {
    expect(Object.keys(RULE_TEXT.en).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
  it('uses only placeholders that are filled from the facts', () => {
    for (const text of Object.values(RULE_TEXT.en))
      for (const p of placeholdersOf(text)) expect(FILLED.has(p), p).toBe(true);
  });
});
