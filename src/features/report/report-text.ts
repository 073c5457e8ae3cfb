/**
 * The report's texts from its own key table (report.messages.ts, loaded with the report), plus the
 * few that are built from data: preallocation names, row titles, confidence and flag names, and
 * the model's texts (ReportMsg: key and values).
 * Bound to the report's `lang` prop (the report is rendered for that language, not the context's).
 */
import type { MatrixRow, PolicyDecision } from '../../core/policy';
import type { Lang } from '../../core/i18n';
import type { EvidenceBar, ReportMsg } from './report-model';
import { translator } from '../../core/i18n';
import type { Translator } from '../../core/i18n';
import { REPORT_TEXTS } from './report.messages';
import type { ReportKey } from './report.messages';

export interface ReportText {
  lang: Lang;
  t: Translator<ReportKey>;
  /** A preallocation value as a column cell: '?' when unknown. */
  preallocValue: (p: string) => string;
  /** A preallocation as a header: "prealloc off". */
  prealloc: (p: string) => string;
  confidence: (c: PolicyDecision['confidence']) => string;
  /** A record flag's name; the flag itself when the table has no name for it. */
  flagName: (flag: string) => string;
  /** "storage · medium · prealloc …", the title of a matrix row. */
  rowTitle: (r: MatrixRow) => string;
  /** A text of the model (key and values) in this language. */
  msg: (m: ReportMsg) => string;
  /** An evidence bar's label: its parts joined with " · ". */
  barLabel: (b: EvidenceBar) => string;
}

export function reportText(lang: Lang): ReportText {
  const t = translator(REPORT_TEXTS, lang);
  const has = (key: string): key is ReportKey => key in REPORT_TEXTS.en;
  const preallocName = (p: string) => (p === 'off' ? t('report.preallocName.off') : p);
  const preallocValue = (p: string) => (p === '' ? '?' : preallocName(p));
  const prealloc = (p: string) => t('report.prealloc', { p: preallocValue(p) });
  const msg = (m: ReportMsg): string => {
    if (!m.vars) return t(m.key);
    const vars: Record<string, string | number> = {};
    for (const [name, v] of Object.entries(m.vars)) {
      if (typeof v !== 'object') vars[name] = v;
      else if ('key' in v) vars[name] = msg(v);
      else vars[name] = v.items.length === 0 && v.empty ? t(v.empty) : v.items.join(t(v.sep));
    }
    return t(m.key, vars);
  };
  return {
    lang,
    msg,
    barLabel: (b) => b.label.map((p) => (typeof p === 'string' ? p : msg(p))).join(' · '),
    t,
    preallocValue,
    prealloc,
    confidence: (c) => t(`report.confidence.${c}` as ReportKey),
    flagName: (flag) => {
      const key = `report.flag.${flag}`;
      return has(key) ? t(key) : flag;
    },
    rowTitle: (r) => `${r.storage} · ${r.medium} · ${prealloc(r.prealloc)}`,
  };
}
