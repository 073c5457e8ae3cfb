/**
 * The policy's key tables have every key in both languages, with the same placeholders
 * (POLICY_TEXT: evidence.rules.test.ts, with the evidence rules' keys).
 */
import { describe, expect, it } from 'vitest';
import { tableMismatches } from '../i18n/key-table';
import { HOST_PRESET_TEXT } from './host-profile.messages';
import { PLATFORM_TEXT } from './platforms.messages';
import { RULE_TEXT } from './rules.messages';

const TABLES = { RULE_TEXT, PLATFORM_TEXT, HOST_PRESET_TEXT };

describe('policy key tables', () => {
  it.each(Object.entries(TABLES))('%s: both languages agree', (_name, tables) => {
    expect(tableMismatches(tables)).toEqual([]);
  });
});
