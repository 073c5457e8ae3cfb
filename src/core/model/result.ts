/** Parsers and validators return this union and never throw on bad input. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; reason: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E = string>(reason: E): { ok: false; reason: E } => ({ ok: false, reason });
