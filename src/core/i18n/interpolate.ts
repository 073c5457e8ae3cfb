/** Fills `{name}` placeholders of a message template; the one placeholder syntax of every table. */

/** Values for a template's placeholders. */
export type MessageVars = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; unknown placeholders are left visible rather than hidden. */
export function interpolate(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(PLACEHOLDER, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m,
  );
}

/** The distinct placeholder names of a template, sorted (for checks that two languages agree). */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (m[1] !== undefined) names.add(m[1]);
  return [...names].sort();
}
