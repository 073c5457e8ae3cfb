/** The languages of aio-dash, defined once for core, UI, CLI and server. */
export type Lang = 'en' | 'zh';

/** Every language, English first (the one whose table defines the keys). */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** A value from outside (URL, CLI flag, storage) as a `Lang`, or null when it is none. */
export function parseLang(value: unknown): Lang | null {
  return value === 'en' || value === 'zh' ? value : null;
}
