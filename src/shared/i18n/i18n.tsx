/**
 * The UI's messages: typed key tables (core/i18n) with `{placeholder}`s, one per language. `en`
 * (messages.en.ts) defines the keys; `zh` must have every key (the type checker and i18n.test.ts
 * both enforce it). `Lang`, `interpolate` and the lookup are core's; this file adds the lazy
 * Chinese chunk and the React context.
 */
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { translate } from '../../core/i18n';
import type { KeyTable, Lang, MessageVars } from '../../core/i18n';
import { makeFormatter } from '../format';
import type { Formatter } from '../format';
import { en } from './messages.en';
import type { MessageKey } from './messages.en';

export type { MessageKey };
export { interpolate, LANGS } from '../../core/i18n';

/** Loaded message tables. English is built in; Chinese is its own small chunk, loaded on demand. */
const TABLES: Partial<Record<Lang, KeyTable<MessageKey>>> & { en: KeyTable<MessageKey> } = { en };

export function messagesLoaded(lang: Lang): boolean {
  return TABLES[lang] !== undefined;
}

/** Loads a language's messages (resolves at once when they are there). */
export async function loadMessages(lang: Lang): Promise<void> {
  if (TABLES[lang]) return;
  if (lang === 'zh') TABLES.zh = (await import('./messages.zh')).zh;
}

export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** A translator for one language (English for a table not loaded yet). */
export function makeTranslate(lang: Lang): Translate {
  return (key, vars) => translate(TABLES, lang, key, vars);
}

export interface I18n {
  lang: Lang;
  t: Translate;
  fmt: Formatter;
  /** Does the message table have this key? For dynamic keys (dimension names, flags). */
  has: (key: string) => key is MessageKey;
}

export function makeI18n(lang: Lang): I18n {
  return {
    lang,
    t: makeTranslate(lang),
    fmt: makeFormatter(lang),
    has: (key): key is MessageKey => key in en,
  };
}

const I18nContext = createContext<I18n>(makeI18n('en'));

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
