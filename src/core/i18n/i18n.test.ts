/** Core i18n: placeholders, fallback, and the table check that catches a missing or wrong key. */
import { describe, expect, it } from 'vitest';
import {
  bilingual,
  composed,
  interpolate,
  keyTables,
  parseLang,
  placeholdersOf,
  tableMismatches,
  translate,
} from '.';

const en = { 'a.hello': 'Hello {name}', 'a.count': '{n} of {total}' } as const;
const tables = keyTables<keyof typeof en>(en, {
  'a.hello': '你好 {name}',
  'a.count': '{total} 中的 {n}',
});

describe('core i18n', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('x {a} {b}', { a: 1 })).toBe('x 1 {b}');
    expect(interpolate('x {a}')).toBe('x {a}');
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });
  it('lists placeholders once, sorted', () => {
    expect(placeholdersOf('{b} {a} {b}')).toEqual(['a', 'b']);
  });
  it('translates both languages', () => {
    expect(translate(tables, 'zh', 'a.hello', { name: 'Li' })).toBe('你好 Li');
    expect(bilingual(tables, 'a.count', { n: 2, total: 3 })).toEqual({
      en: '2 of 3',
      zh: '3 中的 2',
    });
  });
  it('composes a text from several keys in every language', () => {
    expect(
      composed(
        tables,
        (t, lang) => `${t('a.hello', { name: lang })} / ${t('a.count', { n: 1, total: 2 })}`,
      ),
    ).toEqual({ en: 'Hello en / 1 of 2', zh: '你好 zh / 2 中的 1' });
  });
  it('falls back to English while a table is not loaded', () => {
    expect(translate({ en }, 'zh', 'a.hello', { name: 'x' })).toBe('Hello x');
  });
  it('reports missing keys and disagreeing placeholders', () => {
    const bad = tableMismatches({ en, zh: { 'a.hello': '你好 {nom}' } });
    expect(bad.map((m) => `${m.key}:${m.problem}`).sort()).toEqual([
      'a.count:missing',
      'a.hello:placeholders',
    ]);
    expect(tableMismatches(tables)).toEqual([]);
  });
  it('makes a missing zh key a type error', () => {
    // @ts-expect-error zh lacks 'a.count': the type checker rejects an incomplete table
    const incomplete = keyTables<keyof typeof en>(en, { 'a.hello': '你好 {name}' });
    expect(tableMismatches(incomplete)).toHaveLength(1);
  });
  it('parses a language from outside', () => {
    expect(parseLang('zh')).toBe('zh');
    expect(parseLang('fr')).toBeNull();
  });
});
