/**
 * Typed key tables: English defines the keys, every other language must have every key (the type
 * checker enforces it through `KeyTable<keyof typeof en>`), placeholders are `{name}`. Core (policy,
 * flags, load notes) and the UI (src/shared/i18n) translate through these, one mechanism for all.
 */
import { interpolate, placeholdersOf } from './interpolate';
import type { MessageVars } from './interpolate';
import type { Lang } from './lang';
import { LANGS } from './lang';

/** One language's messages: every key of K, each a template with `{placeholder}`s. */
export type KeyTable<K extends string> = Readonly<Record<K, string>>;

/** The tables of every language for one key set. */
export type KeyTables<K extends string> = Readonly<Record<Lang, KeyTable<K>>>;

/** The keys of an English table written `as const` or as a plain object literal. */
export type KeysOf<T> = Extract<keyof T, string>;

/** Translates one key into one language. */
export type Translator<K extends string> = (key: K, vars?: MessageVars) => string;

/**
 * The tables of a key set, type-checked: `zh` must have exactly the keys of `en`.
 * (A missing key is a type error at the call; an extra key too, through the object literal.)
 */
export function keyTables<K extends string>(en: KeyTable<K>, zh: KeyTable<K>): KeyTables<K> {
  return { en, zh };
}

/** `key` in `lang`, placeholders filled; falls back to English for a table still being loaded. */
export function translate<K extends string>(
  tables: Partial<Record<Lang, KeyTable<K>>> & { readonly en: KeyTable<K> },
  lang: Lang,
  key: K,
  vars?: MessageVars,
): string {
  const template = tables[lang]?.[key] ?? tables.en[key];
  return interpolate(template, vars);
}

/** A translator bound to one language. */
export function translator<K extends string>(
  tables: Partial<Record<Lang, KeyTable<K>>> & { readonly en: KeyTable<K> },
  lang: Lang,
): Translator<K> {
  return (key, vars) => translate(tables, lang, key, vars);
}

/** Both languages of a key at once, for data that carries its text in every language. */
export function bilingual<K extends string>(
  tables: KeyTables<K>,
  key: K,
  vars?: MessageVars,
): Record<Lang, string> {
  return { en: translate(tables, 'en', key, vars), zh: translate(tables, 'zh', key, vars) };
}

/**
 * Every language of a text put together from several keys (a sentence with optional parts, or
 * whose placeholders are texts themselves): `make` builds it with one language's translator.
 */
export function composed<K extends string>(
  tables: KeyTables<K>,
  make: (t: Translator<K>, lang: Lang) => string,
): Record<Lang, string> {
  return { en: make(translator(tables, 'en'), 'en'), zh: make(translator(tables, 'zh'), 'zh') };
}

/** A key whose languages disagree: a table lacks it, or their placeholders differ. */
export interface TableMismatch {
  key: string;
  lang: Lang;
  problem: 'missing' | 'empty' | 'placeholders';
  detail: string;
}

/**
 * Runtime check for tests (and tables built at run time, where the type checker cannot see):
 * every language has every English key, non-empty, with the same placeholder names.
 */
export function tableMismatches(
  tables: Partial<Record<Lang, Readonly<Record<string, string>>>> & {
    readonly en: Readonly<Record<string, string>>;
  },
): TableMismatch[] {
  const out: TableMismatch[] = [];
  for (const [key, enText] of Object.entries(tables.en)) {
    const want = placeholdersOf(enText).join(',');
    for (const lang of LANGS) {
      if (lang === 'en') continue;
      const table = tables[lang];
      if (table === undefined) continue;
      const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
      if (text === undefined) out.push({ key, lang, problem: 'missing', detail: '' });
      else if (text.trim() === '') out.push({ key, lang, problem: 'empty', detail: '' });
      else {
        const got = placeholdersOf(text).join(',');
        if (got !== want)
          out.push({
            key,
            lang,
            problem: 'placeholders',
            detail: `en {${want}} vs ${lang} {${got}}`,
          });
      }
    }
  }
  return out;
}
