/**
 * Unit parsing and exact decimal conversions. Conversions shift the decimal exponent of the
 * written number (Number("743.97e3") === 743970) instead of multiplying, so "743.97 msec" becomes
 * exactly 743970 µs with no floating-point noise in the canonical CSV.
 */

/** Multiplies `n` by 10^k exactly as decimal text would (no 0.1+0.2 noise). */
export function scalePow10(n: number, k: number): number {
  if (k === 0 || n === 0 || !Number.isFinite(n)) return n;
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return Number(`${s}e${k}`);
  return Number(`${s.slice(0, e)}e${Number(s.slice(e + 1)) + k}`);
}

// Unambiguous alternations (\d+(?:\.\d*)?, not \d+\.?\d*) keep matching linear on huge cells.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A plain decimal number ("1234", "1,234", "12.5", "62.0k", "1.2M"), or null. Thousands separators
 * are accepted only in the 1,234,567 pattern; k/K = 10^3, m/M = 10^6 (as fio and wikis write IOPS).
 */
export function parseCount(raw: string): number | null {
  let s = raw.trim();
  if (s === '') return null;
  if (PLAIN_NUMBER.test(s)) return Number(s);
  let pow = 0;
  const last = s.charAt(s.length - 1);
  if (last === 'k' || last === 'K') pow = 3;
  else if (last === 'm' || last === 'M') pow = 6;
  if (pow !== 0) s = s.slice(0, -1).trim();
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!PLAIN_NUMBER.test(s)) return null;
  return scalePow10(Number(s), pow);
}

/** Power of ten that turns a time unit into microseconds; undefined for an unknown unit. */
const TIME_UNIT_POW: Record<string, number> = {
  ns: -3,
  nsec: -3,
  纳秒: -3,
  us: 0,
  µs: 0,
  μs: 0,
  usec: 0,
  微秒: 0,
  ms: 3,
  msec: 3,
  毫秒: 3,
  s: 6,
  sec: 6,
  秒: 6,
};

const TIME_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?) *([a-zµμ\u4e00-\u9fff]*)$/i;

/**
 * A latency such as "426.29 usec", "304 msec", "1.2ms", "850ns", in microseconds. A bare number
 * is taken in `defaultPow` (0 = µs). Returns null for anything else.
 */
export function parseLatencyUs(raw: string, defaultPow = 0): number | null {
  const s = raw.trim().replace(/,/g, '');
  if (s === '') return null;
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const unit = (m[2] ?? '').toLowerCase();
  const pow = unit === '' ? defaultPow : TIME_UNIT_POW[unit];
  if (pow === undefined) return null;
  return scalePow10(Number(m[1]), pow);
}

/** True when the text carries an explicit time unit ("426.29 usec"), used to recognise latency columns. */
export function hasTimeUnit(raw: string): boolean {
  const m = TIME_RE.exec(raw.trim().replace(/,/g, ''));
  return (
    m !== null && (m[2] ?? '') !== '' && TIME_UNIT_POW[(m[2] ?? '').toLowerCase()] !== undefined
  );
}

/** A block size: "4k", "4K", "4KiB", "4096", "1m", "512b" → bytes (binary multiples, as fio). */
export function parseBlockSize(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(raw.trim());
  if (!m) return null;
  const mult = { '': 1, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 }[
    (m[2] ?? '').toLowerCase()
  ];
  if (mult === undefined) return null;
  const n = Number(m[1]) * mult;
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** A duration in seconds: "300", "300s", "5m", "1h", "300秒". */
export function parseSeconds(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|秒|m|min|分钟|h|小时|ms)?$/i.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const u = (m[2] ?? 's').toLowerCase();
  if (u === 'm' || u === 'min' || u === '分钟') return n * 60;
  if (u === 'h' || u === '小时') return n * 3600;
  if (u === 'ms') return scalePow10(n, -3);
  return n;
}
