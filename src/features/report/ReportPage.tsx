/**
 * The decision report page (route /report): its props, the header (question, host, data) and the
 * sections in order. The sections live in ReportDecision, ReportEvidence and ReportReference.
 */
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { ResultRecord } from '../../core/model/record.types';
import type { CellComparison } from '../../core/compare';
import { describeHost, hostPreset } from '../../core/policy';
import type { HostProfile, Lang, PlatformDescription } from '../../core/policy';
import { buildReport } from './report-model';
import type { EvidenceGroup } from './report-model';
import { reportText } from './report-text';
import { MatrixSection, PolicySection } from './ReportDecision';
import { CaveatsSection, EvidenceSection } from './ReportEvidence';
import {
  PLATFORM_NAMES,
  PlatformsSection,
  QuestionsSection,
  RulesSection,
  SourcesSection,
} from './ReportReference';
import { HTML_LANG } from '../../shared/format';
import './report.css';

/** Props of the decision report. Everything comes in through props; the page keeps no state. */
export interface ReportPageProps {
  /** Records of the result sets in view (guest and host layers; host rows are left out of the matrix). */
  records: readonly ResultRecord[];
  /**
   * Comparisons along aio from the comparison engine: `compare(records).cells` (threads→native),
   * optionally concatenated with threads→io_uring and native→io_uring cells.
   */
  comparisons: readonly CellComparison[];
  /** The host profile from the URL (`parseHostProfile(view.host)`). */
  host: HostProfile;
  lang: Lang;
  /** Names of the result sets shown, for the header. */
  sets?: readonly string[];
  /** The platform whose default policy is drafted (default: the seed's ZStack platform). */
  platform?: PlatformDescription;
  /** A permalink to this view, printed under the title. */
  permalink?: string;
  /** Replaces the built-in SVG bars of the key-evidence section, per matrix cell. */
  renderChart?: (group: EvidenceGroup, lang: Lang) => ReactNode;
  /** Print button handler (default: window.print()). */
  onPrint?: () => void;
}

/**
 * The decision report for product review: the question, the host profile, the default policy to
 * ship, the recommendation matrix (storage × medium × preallocation), the key evidence, data
 * quality caveats, what real platforms would do, open questions, rules and sources. Printable
 * (see report.css `@media print`).
 */
export function ReportPage({
  records,
  comparisons,
  host,
  lang,
  sets,
  platform,
  permalink,
  renderChart,
  onPrint,
}: ReportPageProps) {
  const x = useMemo(() => reportText(lang), [lang]);
  const { t } = x;
  const model = useMemo(
    () => buildReport(records, comparisons, host, platform),
    [records, comparisons, host, platform],
  );
  const preset = host.preset ? hostPreset(host.preset) : undefined;
  const setNames =
    sets && sets.length > 0 ? sets.join(', ') : [...new Set(records.map((r) => r.set))].join(', ');

  return (
    <article className="report-page" data-testid="report" lang={HTML_LANG[lang]}>
      <header className="report-header">
        <div className="report-title-row">
          <h1>{t('report.title')}</h1>
          <button
            type="button"
            className="report-print no-print"
            onClick={onPrint ?? (() => window.print())}
          >
            {t('report.print')}
          </button>
        </div>
        <p className="report-question" data-testid="report-question">
          {t('report.question')}
        </p>
        <p className="report-lead">{t('report.questionLead')}</p>
        <dl className="report-facts">
          <dt>{t('report.host')}</dt>
          <dd data-testid="report-host">
            <strong>{describeHost(host)}</strong>
            {host.platform !== 'generic' && ` · ${PLATFORM_NAMES[host.platform]}`}
            {preset && (
              <span className="muted">
                {' '}
                — {t('report.hostAssumed', { qemu: host.qemu, libvirt: host.libvirt })}
              </span>
            )}
            <span className="muted no-print"> {t('report.hostNote')}</span>
          </dd>
          <dt>{t('report.dataLabel')}</dt>
          <dd>
            {records.length > 0
              ? t('report.data', {
                  sets: setNames,
                  records: records.length,
                  comparisons: comparisons.length,
                })
              : t('report.noData')}
          </dd>
          {permalink && (
            <>
              <dt>{t('report.permalink')}</dt>
              <dd className="permalink">{permalink}</dd>
            </>
          )}
        </dl>
      </header>
      <PolicySection model={model} x={x} />
      <MatrixSection model={model} x={x} />
      <EvidenceSection model={model} x={x} renderChart={renderChart} />
      <CaveatsSection model={model} x={x} />
      <PlatformsSection model={model} x={x} />
      <QuestionsSection model={model} x={x} />
      <RulesSection model={model} x={x} />
      <SourcesSection model={model} x={x} />
    </article>
  );
}
