/**
 * The tail-regression sentence in the reader's language ("mean IOPS +12.0%, but p99.9 ×3.1 —
 * stalls"), for the pivot's marker, the side panel and the report: one wording everywhere.
 */
import { STALL_RATIO } from '../core/compare/tail-verdict';
import type { TailVerdict } from '../core/compare/tail-verdict';
import type { I18n, MessageKey } from './i18n/i18n';

const PRIMARY_KEYS: Record<string, MessageKey> = {
  iops: 'tail.primary.iops',
  lat_mean_us: 'tail.primary.lat_mean_us',
  lat_p99_us: 'tail.primary.lat_p99_us',
  bw_kib_s: 'tail.primary.bw_kib_s',
};

/** "×3.1" from STALL_RATIO up, else "+35.0%". */
export function tailRatioText({ fmt }: I18n, ratio: number): string {
  return ratio >= STALL_RATIO ? `×${fmt.num(ratio, 1)}` : fmt.pct(100 * (ratio - 1));
}

export function tailSentence(i18n: I18n, v: TailVerdict): string {
  const { t, fmt } = i18n;
  return (
    t('tail.sentence', {
      primary: t(PRIMARY_KEYS[v.primary] ?? 'tail.primary.iops'),
      pct: fmt.pct(v.primaryPct),
      tail: t(`tail.metric.${v.metric}`),
      ratio: tailRatioText(i18n, v.ratio),
    }) + (v.stall ? t('tail.stalls') : '')
  );
}
