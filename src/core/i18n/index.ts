/** Core i18n: `Lang`, `interpolate` and typed key tables, pure (no React, no DOM). */
export type { Lang } from './lang';
export { LANGS, parseLang } from './lang';
export type { MessageVars } from './interpolate';
export { interpolate, placeholdersOf } from './interpolate';
export type { KeyTable, KeyTables, KeysOf, Translator, TableMismatch } from './key-table';
export {
  keyTables,
  translate,
  translator,
  bilingual,
  composed,
  tableMismatches,
} from './key-table';
