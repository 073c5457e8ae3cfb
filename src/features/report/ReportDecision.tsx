/** The report's answer: the default policy to ship and the recommendation matrix with its cells. */
import type { PolicyDecision } from '../../core/policy';
import type { ReportModel } from './report-model';
import type { ReportText } from './report-text';

/** A recommendation with its confidence and, when sources disagree, the ⚖ mark. */
export function Rec({ d, x }: { d: PolicyDecision; x: ReportText }) {
  return (
    <span className={`rec rec-${d.recommendation.replace('/', '')}`}>
      <strong>{d.recommendation}</strong>{' '}
      <span className={`conf conf-${d.confidence}`}>{x.confidence(d.confidence)}</span>
      {d.contested && (
        <span className="contested" title={x.t('report.contested')}>
          {' '}
          ⚖
        </span>
      )}
    </span>
  );
}

export function PolicySection({ model, x }: { model: ReportModel; x: ReportText }) {
  const { t, lang } = x;
  return (
    <section className="report-section" aria-labelledby="r-answer">
      <h2 id="r-answer">{t('report.answer')}</h2>
      <p className="report-lead">{t('report.answerLead')}</p>
      <table className="report-table policy-table" data-testid="report-policy">
        <thead>
          <tr>
            <th>{t('report.storage')}</th>
            <th>{t('report.preallocCol')}</th>
            <th>{t('report.reasons')}</th>
            <th>{t('report.thenIoUring')}</th>
            <th>{t('report.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {model.policy.map((l) => (
            <tr key={`${l.storage}-${l.prealloc}`}>
              <td>{l.storage}</td>
              <td>
                {x.preallocValue(l.prealloc)}
                {l.isDefault && <span className="muted"> ★</span>}
              </td>
              <td>
                <span className={`rec rec-${l.mode.replace('/', '')}`}>
                  <strong>{l.mode}</strong>{' '}
                  <span className={`conf conf-${l.confidence}`}>{x.confidence(l.confidence)}</span>
                  {l.contested && <span className="contested"> ⚖</span>}
                </span>
                <div className="policy-text">{l.text[lang]}</div>
                {l.note && <div className="muted small">{l.note[lang]}</div>}
              </td>
              <td>{l.withIoUring}</td>
              <td className="small">
                {t('report.supports', { n: l.supporting.length })} ·{' '}
                {t('report.contradicts', { n: l.contradicting.length })} ·{' '}
                {t('report.neutral', { n: l.neutral })}
                {l.unusable > 0 && ` · ${t('report.unusable', { n: l.unusable })}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function MatrixSection({ model, x }: { model: ReportModel; x: ReportText }) {
  const { t, lang } = x;
  return (
    <section className="report-section" aria-labelledby="r-matrix">
      <h2 id="r-matrix">{t('report.matrix')}</h2>
      <p className="report-lead">{t('report.matrixLead')}</p>
      {model.grid.length === 0 ? (
        <p>{t('report.noData')}</p>
      ) : (
        <table className="report-table matrix-table" data-testid="report-matrix">
          <thead>
            <tr>
              <th>{t('report.storage')}</th>
              <th>{t('report.medium')}</th>
              {model.preallocs.map((p) => (
                <th key={p}>{x.prealloc(p)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.grid.map((g) => (
              <tr key={`${g.storage}-${g.medium}`}>
                <th scope="row">{g.storage}</th>
                <td>{g.medium}</td>
                {model.preallocs.map((p) => {
                  const row = g.cells[p];
                  if (!row)
                    return (
                      <td key={p} className="muted">
                        —
                      </td>
                    );
                  return (
                    <td
                      key={p}
                      className={row.gap ? 'cell-gap' : ''}
                      title={row.decision.reasons[0]?.text[lang]}
                    >
                      <Rec d={row.decision} x={x} />
                      <div className="small muted">
                        {row.gap
                          ? t('report.gap')
                          : t('report.comparisonsShort', { n: row.decision.evidence?.used ?? 0 })}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="cell-details">
        {model.matrix.map((row) => (
          <div className="cell-detail" key={x.rowTitle(row)}>
            <h3>
              {x.rowTitle(row)} → <Rec d={row.decision} x={x} />
            </h3>
            <ul className="reasons">
              {row.decision.reasons.map((r, i) => (
                <li key={i}>{r.text[lang]}</li>
              ))}
            </ul>
            {row.decision.risks.length > 0 && (
              <ul className="risks" aria-label={t('report.risks')}>
                {row.decision.risks.map((r, i) => (
                  <li key={i}>{r.text[lang]}</li>
                ))}
              </ul>
            )}
            <code className="libvirt">{row.decision.libvirtXml}</code>
          </div>
        ))}
      </div>
    </section>
  );
}
