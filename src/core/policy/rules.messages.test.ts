/** The rules' key table: every rule has a text, every text a rule, both languages agree. */
import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '../i18n/interpolate';
import { tableMismatches } from '../i18n/key-table';
import { RULES } from './rules';
import { RULE_TEXT } from './rules.messages';

/** The placeholders recommend.base.ts `fill` knows. */
const FILLED = new Set(['cache', 'gaps', 'prealloc', 'protocol']);

describe('rule texts', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(tableMismatches(RULE_TEXT)).toEqual([]);
  });
  it('has one text per rule, keyed by the rule id', () => {
    expect(Object.keys(RULE_TEXT.en).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
  it('uses only placeholders that are filled from the facts', () => {
    for (const text of Object.values(RULE_TEXT.en))
      for (const p of placeholdersOf(text)) expect(FILLED.has(p), p).toBe(true);
  });
});
