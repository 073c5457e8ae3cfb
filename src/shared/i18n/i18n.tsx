/**
 * Two languages, one message table each. `en` defines the keys; `zh` must have every key (the
 * type checker and i18n.test.ts both enforce it). Placeholders are `{name}`.
 */
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Lang } from '../../core/policy/policy.types';
import { makeFormatter } from '../format';
import type { Formatter } from '../format';
import { en } from './messages.en';
import type { MessageKey } from './messages.en';

export type { MessageKey };

/** Loaded message tables. English is built in; Chinese is its own small chunk, loaded on demand. */
const TABLES: Partial<Record<Lang, Record<MessageKey, string>>> = { en };

export function messagesLoaded(lang: Lang): boolean {
  return TABLES[lang] !== undefined;
}

/** Loads a language's messages (resolves at once when they are there). */
export async function loadMessages(lang: Lang): Promise<void> {
  if (TABLES[lang]) return;
  if (lang === 'zh') TABLES.zh = (await import('./messages.zh')).zh;
}
export const LANGS: readonly Lang[] = ['en', 'zh'];

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders; unknown placeholders are left visible rather than hidden. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in vars ? String(vars[name]) : m,
  );
}

export function makeTranslate(lang: Lang): Translate {
  const table = TABLES[lang] ?? en;
  return (key, vars) => interpolate(table[key] ?? en[key], vars);
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
