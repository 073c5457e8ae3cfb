/**
 * The report's reference part: what real platforms would do, open questions, the rules applied
 * and the sources they cite.
 */
import { PLATFORMS, effectiveMode } from '../../core/policy';
import type { Platform } from '../../core/policy';
import type { ReportModel } from './report-model';
import type { ReportText } from './report-text';

export const PLATFORM_NAMES: Record<Platform, string> = {
  nova: 'OpenStack nova',
  ovirt: 'oVirt/RHV',
  kubevirt: 'KubeVirt',
  proxmox: 'Proxmox VE',
  cloudstack: 'CloudStack',
};

export function PlatformsSection({ model, x }: { model: ReportModel; x: ReportText }) {
  const { t, lang } = x;
  return (
    <section className="report-section" aria-labelledby="r-platforms">
      <h2 id="r-platforms">{t('report.platforms')}</h2>
      <p className="report-lead">{t('report.platformsLead')}</p>
      <table className="report-table platform-table" data-testid="report-platforms">
        <thead>
          <tr>
            <th>{t('report.storage')}</th>
            <th>{t('report.ours')}</th>
            {PLATFORMS.map((p) => (
              <th key={p}>{PLATFORM_NAMES[p]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.matrix.map((row) => (
            <tr key={x.rowTitle(row)}>
              <th scope="row">{x.rowTitle(row)}</th>
              <td>
                <strong>{row.decision.recommendation}</strong>
              </td>
              {PLATFORMS.map((p) => {
                const c = row.decision.platforms[p];
                const differs = effectiveMode(c) !== row.decision.recommendation;
                return (
                  <td key={p} className={differs ? 'differs' : ''} title={c.why[lang]}>
                    {c.mode}
                    {c.validOnHost === false && <sup title={t('report.notOnHost')}>*</sup>}
                    <div className="small muted why">{c.why[lang]}</div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {model.matrix.some((r) =>
        PLATFORMS.some((p) => r.decision.platforms[p].validOnHost === false),
      ) && <p className="small muted">* {t('report.notOnHost')}</p>}
    </section>
  );
}

export function QuestionsSection({ model, x }: { model: ReportModel; x: ReportText }) {
  const { t, msg } = x;
  return (
    <section className="report-section" aria-labelledby="r-questions">
      <h2 id="r-questions">{t('report.openQuestions')}</h2>
      {model.openQuestions.map((q) => (
        <div className="open-question" key={q.id} data-testid={`question-${q.id}`}>
          <h3>{msg(q.title)}</h3>
          <p className="small">
            <strong>{t('report.known')}:</strong>
          </p>
          <ul>
            {q.known.map((k, i) => (
              <li key={i}>
                {msg(k.text)} <span className="cite">[{k.citations.join(', ')}]</span>
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('report.dataSays')}:</strong> {msg(q.data)}
          </p>
          <p>
            <strong>{t('report.next')}:</strong> {msg(q.next)}
          </p>
        </div>
      ))}
    </section>
  );
}

export function RulesSection({ model, x }: { model: ReportModel; x: ReportText }) {
  const { t, lang } = x;
  return (
    <section className="report-section" aria-labelledby="r-rules">
      <h2 id="r-rules">{t('report.rules')}</h2>
      <p className="report-lead">{t('report.rulesLead')}</p>
      <table className="report-table rules-table">
        <thead>
          <tr>
            <th>{t('report.rule')}</th>
            <th>{t('report.implementsCol')}</th>
            <th>{t('report.reasons')}</th>
            <th>{t('report.sources')}</th>
          </tr>
        </thead>
        <tbody>
          {model.rules.map((r) => (
            <tr key={r.id}>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{r.implements}</td>
              <td>{r.text[lang].replace(/\{\w+\}/g, '…')}</td>
              <td className="cite">{r.citations.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SourcesSection({ model, x }: { model: ReportModel; x: ReportText }) {
  const { t } = x;
  return (
    <section className="report-section" aria-labelledby="r-sources">
      <h2 id="r-sources">{t('report.sources')}</h2>
      <p className="report-lead">{t('report.sourcesLead')}</p>
      <ol className="sources" data-testid="report-sources">
        {model.sources.map((s) => (
          <li key={s.id} id={`src-${s.id}`}>
            <span className="cite">[{s.id}]</span> <span className="tag">[{s.tag}]</span> {s.title}{' '}
            <span className="muted">({s.section})</span>
            <br />
            <a href={s.url} rel="noreferrer noopener" target="_blank" className="url">
              {s.url}
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
