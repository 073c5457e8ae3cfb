/**
 * Number formatting per UI language. Metric values keep their unit (IOPS, µs, KiB/s); latency
 * switches to ms above 10 000 µs for reading, while tooltips show the exact µs value.
 */
import type { MetricField } from '../core/model/record.types';
import type { Lang } from '../core/i18n';

export const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };
/** The `lang` attribute of a page or element in each UI language. */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

export interface Formatter {
  lang: Lang;
  /** 31336 → "31,336". */
  int(n: number | null | undefined): string;
  /** Fixed decimals, grouped. */
  num(n: number | null | undefined, digits?: number): string;
  /** Signed percent with one decimal: 15.56 → "+15.6%", -3 → "−3.0%". */
  pct(n: number | null | undefined): string;
  /** A metric value with its unit, compact for cells. */
  metric(n: number | null | undefined, metric: MetricField): string;
  /** A metric value exactly as measured (for tooltips and the side panel). */
  exact(n: number | null | undefined, metric: MetricField): string;
}

const MINUS = '\u2212';
const DASH = '—';

export function makeFormatter(lang: Lang): Formatter {
  const locale = LOCALES[lang];
  const cache = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = cache.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      cache.set(digits, f);
    }
    return f;
  };
  const exactNf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const ok = (n: number | null | undefined): n is number =>
    typeof n === 'number' && Number.isFinite(n);
  const num = (n: number | null | undefined, digits = 0) =>
    ok(n) ? nf(digits).format(n).replace('-', MINUS) : DASH;
  const fmt: Formatter = {
    lang,
    int: (n) => num(n, 0),
    num,
    pct: (n) => {
      if (!ok(n)) return DASH;
      const r = Math.round(n * 10) / 10;
      const sign = r > 0 ? '+' : r < 0 ? MINUS : '±';
      return `${sign}${nf(1).format(Math.abs(r))}%`;
    },
    metric: (n, metric) => {
      if (!ok(n)) return DASH;
      switch (metric) {
        case 'lat_mean_us':
        case 'lat_p99_us':
          return n >= 10_000 ? `${num(n / 1000, 1)} ms` : `${num(n, 0)} µs`;
        case 'bw_kib_s':
          return n >= 10_240 ? `${num(n / 1024, 1)} MiB/s` : `${num(n, 0)} KiB/s`;
        default:
          return num(n, 0);
      }
    },
    exact: (n, metric) => {
      if (!ok(n)) return DASH;
      const unit = UNITS[metric];
      return `${exactNf.format(n).replace('-', MINUS)}${unit ? ` ${unit}` : ''}`;
    },
  };
  return fmt;
}

export const UNITS: Record<MetricField, string> = {
  iops: 'IOPS',
  iops_total: 'IOPS',
  lat_mean_us: 'µs',
  lat_p99_us: 'µs',
  bw_kib_s: 'KiB/s',
};
