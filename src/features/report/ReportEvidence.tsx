/** The report's measurements: the key-evidence bars per matrix cell and the data quality caveats. */
import type { ReactNode } from 'react';
import type { Lang } from '../../core/i18n';
import type { EvidenceGroup, ReportModel } from './report-model';
import type { ReportText } from './report-text';
import { EvidenceBars } from './EvidenceBars';
import { Rec } from './ReportDecision';
import { stallRows } from './stalls';

export function EvidenceSection({
  model,
  x,
  renderChart,
}: {
  model: ReportModel;
  x: ReportText;
  renderChart?: (group: EvidenceGroup, lang: Lang) => ReactNode;
}) {
  const { t, lang } = x;
  return (
    <section className="report-section" aria-labelledby="r-evidence">
      <h2 id="r-evidence">{t('report.evidence')}</h2>
      <p className="report-lead">{t('report.evidenceLead')}</p>
      {model.evidence.every((g) => g.bars.length === 0) && <p>{t('report.evidenceNone')}</p>}
      <div className="evidence-grid">
        {model.evidence
          .filter((g) => g.bars.length > 0 || g.notDrawn > 0)
          .map((g) => (
            <figure className="evidence-group" key={x.rowTitle(g.row)}>
              <figcaption>
                {x.rowTitle(g.row)} → <Rec d={g.row.decision} x={x} />
              </figcaption>
              {g.bars.length > 0 &&
                (renderChart ? renderChart(g, lang) : <EvidenceBars group={g} lang={lang} />)}
              {g.notDrawn > 0 && (
                <div className="small muted">{t('report.notDrawn', { n: g.notDrawn })}</div>
              )}
            </figure>
          ))}
      </div>
    </section>
  );
}

export function CaveatsSection({ model, x }: { model: ReportModel; x: ReportText }) {
  const { t } = x;
  const { caveats } = model;
  const stalls = stallRows(model.matrix);
  return (
    <section className="report-section" aria-labelledby="r-caveats">
      <h2 id="r-caveats">{t('report.caveats')}</h2>
      <ul className="caveats" data-testid="report-caveats">
        <li>
          {t('report.caveatRecords', { records: caveats.records, guest: caveats.guestRecords })}
        </li>
        <li>
          {t('report.caveatFlags')}{' '}
          {Object.entries(caveats.flagged)
            .filter(([, n]) => n > 0)
            .map(([f, n]) => `${x.flagName(f)}: ${n}`)
            .join(' · ') || '0'}
        </li>
        <li>
          {t('report.caveatUsed', {
            used: caveats.usedComparisons,
            total: caveats.comparisons,
            flagged: caveats.skippedFlagged,
            empty: caveats.skippedEmpty,
            invalid: caveats.skippedInvalid,
          })}
        </li>
        {caveats.gaps.length > 0 && (
          <li>
            {t('report.caveatGaps', { n: caveats.gaps.length })}{' '}
            {caveats.gaps.map((r) => x.rowTitle(r)).join('; ')}
          </li>
        )}
        {caveats.singleRunOnly.length > 0 && (
          <li>
            {t('report.caveatSingle', { n: caveats.singleRunOnly.length })}{' '}
            {caveats.singleRunOnly.map((r) => x.rowTitle(r)).join('; ')}
          </li>
        )}
        {stalls.length > 0 && (
          <li data-testid="report-stalls">
            {t('report.caveatStalls', { n: stalls.length })}{' '}
            {stalls
              .map((r) => `${x.rowTitle(r.row)}: ${r.stalls.map((s) => s.text).join(', ')}`)
              .join('; ')}
          </li>
        )}
      </ul>
    </section>
  );
}
