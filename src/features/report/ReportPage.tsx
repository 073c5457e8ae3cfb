import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { ResultRecord } from '../../core/model/record.types';
import type { CellComparison } from '../../core/compare';
import { PLATFORMS, describeHost, effectiveMode, hostPreset } from '../../core/policy';
import type {
  HostProfile,
  Lang,
  MatrixRow,
  Platform,
  PlatformDescription,
  PolicyDecision,
} from '../../core/policy';
import { buildReport } from './report-model';
import type { EvidenceGroup } from './report-model';
import { EvidenceBars } from './EvidenceBars';
import { REPORT_MESSAGES } from './messages';
import type { ReportMessages } from './messages';
import { HTML_LANG } from '../../shared/format';
import { stallRows } from './stalls';
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

const PLATFORM_NAMES: Record<Platform, string> = {
  nova: 'OpenStack nova',
  ovirt: 'oVirt/RHV',
  kubevirt: 'KubeVirt',
  proxmox: 'Proxmox VE',
  cloudstack: 'CloudStack',
};

function Rec({ d, m }: { d: PolicyDecision; m: ReportMessages }) {
  return (
    <span className={`rec rec-${d.recommendation.replace('/', '')}`}>
      <strong>{d.recommendation}</strong>{' '}
      <span className={`conf conf-${d.confidence}`}>{m.confidence[d.confidence]}</span>
      {d.contested && (
        <span className="contested" title={m.contested}>
          {' '}
          ⚖
        </span>
      )}
    </span>
  );
}

const rowTitle = (r: MatrixRow, m: ReportMessages) =>
  `${r.storage} · ${r.medium} · ${m.prealloc(r.prealloc)}`;

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
  const m = REPORT_MESSAGES[lang];
  const model = useMemo(
    () => buildReport(records, comparisons, host, platform),
    [records, comparisons, host, platform],
  );
  const preset = host.preset ? hostPreset(host.preset) : undefined;
  const setNames =
    sets && sets.length > 0 ? sets.join(', ') : [...new Set(records.map((r) => r.set))].join(', ');
  const { caveats } = model;

  return (
    <article className="report-page" data-testid="report" lang={HTML_LANG[lang]}>
      <header className="report-header">
        <div className="report-title-row">
          <h1>{m.title}</h1>
          <button
            type="button"
            className="report-print no-print"
            onClick={onPrint ?? (() => window.print())}
          >
            {m.print}
          </button>
        </div>
        <p className="report-question" data-testid="report-question">
          {m.question}
        </p>
        <p className="report-lead">{m.questionLead}</p>
        <dl className="report-facts">
          <dt>{m.host}</dt>
          <dd data-testid="report-host">
            <strong>{describeHost(host)}</strong>
            {host.platform !== 'generic' && ` · ${PLATFORM_NAMES[host.platform]}`}
            {preset && <span className="muted"> — {m.hostAssumed(host.qemu, host.libvirt)}</span>}
            <span className="muted no-print"> {m.hostNote}</span>
          </dd>
          <dt>{m.dataLabel}</dt>
          <dd>
            {records.length > 0 ? m.data(setNames, records.length, comparisons.length) : m.noData}
          </dd>
          {permalink && (
            <>
              <dt>{m.permalink}</dt>
              <dd className="permalink">{permalink}</dd>
            </>
          )}
        </dl>
      </header>

      <section className="report-section" aria-labelledby="r-answer">
        <h2 id="r-answer">{m.answer}</h2>
        <p className="report-lead">{m.answerLead}</p>
        <table className="report-table policy-table" data-testid="report-policy">
          <thead>
            <tr>
              <th>{m.storage}</th>
              <th>{m.preallocCol}</th>
              <th>{m.reasons}</th>
              <th>{m.thenIoUring}</th>
              <th>{m.evidence}</th>
            </tr>
          </thead>
          <tbody>
            {model.policy.map((l) => (
              <tr key={`${l.storage}-${l.prealloc}`}>
                <td>{l.storage}</td>
                <td>
                  {m.preallocValue(l.prealloc)}
                  {l.isDefault && <span className="muted"> ★</span>}
                </td>
                <td>
                  <span className={`rec rec-${l.mode.replace('/', '')}`}>
                    <strong>{l.mode}</strong>{' '}
                    <span className={`conf conf-${l.confidence}`}>
                      {m.confidence[l.confidence]}
                    </span>
                    {l.contested && <span className="contested"> ⚖</span>}
                  </span>
                  <div className="policy-text">{l.text[lang]}</div>
                  {l.note && <div className="muted small">{l.note[lang]}</div>}
                </td>
                <td>{l.withIoUring}</td>
                <td className="small">
                  {m.supports(l.supporting.length)} · {m.contradicts(l.contradicting.length)} ·{' '}
                  {m.neutral(l.neutral)}
                  {l.unusable > 0 && ` · ${m.unusable(l.unusable)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="r-matrix">
        <h2 id="r-matrix">{m.matrix}</h2>
        <p className="report-lead">{m.matrixLead}</p>
        {model.grid.length === 0 ? (
          <p>{m.noData}</p>
        ) : (
          <table className="report-table matrix-table" data-testid="report-matrix">
            <thead>
              <tr>
                <th>{m.storage}</th>
                <th>{m.medium}</th>
                {model.preallocs.map((p) => (
                  <th key={p}>{m.prealloc(p)}</th>
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
                          {m.noCell}
                        </td>
                      );
                    return (
                      <td
                        key={p}
                        className={row.gap ? 'cell-gap' : ''}
                        title={row.decision.reasons[0]?.text[lang]}
                      >
                        <Rec d={row.decision} m={m} />
                        <div className="small muted">
                          {row.gap ? m.gap : m.comparisonsShort(row.decision.evidence?.used ?? 0)}
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
            <div className="cell-detail" key={rowTitle(row, m)}>
              <h3>
                {rowTitle(row, m)} → <Rec d={row.decision} m={m} />
              </h3>
              <ul className="reasons">
                {row.decision.reasons.map((r, i) => (
                  <li key={i}>{r.text[lang]}</li>
                ))}
              </ul>
              {row.decision.risks.length > 0 && (
                <ul className="risks" aria-label={m.risks}>
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

      <section className="report-section" aria-labelledby="r-evidence">
        <h2 id="r-evidence">{m.evidence}</h2>
        <p className="report-lead">{m.evidenceLead}</p>
        {model.evidence.every((g) => g.bars.length === 0) && <p>{m.evidenceNone}</p>}
        <div className="evidence-grid">
          {model.evidence
            .filter((g) => g.bars.length > 0 || g.notDrawn > 0)
            .map((g) => (
              <figure className="evidence-group" key={rowTitle(g.row, m)}>
                <figcaption>
                  {rowTitle(g.row, m)} → <Rec d={g.row.decision} m={m} />
                </figcaption>
                {g.bars.length > 0 &&
                  (renderChart ? renderChart(g, lang) : <EvidenceBars group={g} lang={lang} />)}
                {g.notDrawn > 0 && <div className="small muted">{m.notDrawn(g.notDrawn)}</div>}
              </figure>
            ))}
        </div>
      </section>

      <section className="report-section" aria-labelledby="r-caveats">
        <h2 id="r-caveats">{m.caveats}</h2>
        <ul className="caveats" data-testid="report-caveats">
          <li>{m.caveatRecords(caveats.records, caveats.guestRecords)}</li>
          <li>
            {m.caveatFlags}{' '}
            {Object.entries(caveats.flagged)
              .filter(([, n]) => n > 0)
              .map(([f, n]) => `${m.flagNames[f] ?? f}: ${n}`)
              .join(' · ') || '0'}
          </li>
          <li>
            {m.caveatUsed(
              caveats.usedComparisons,
              caveats.comparisons,
              caveats.skippedFlagged,
              caveats.skippedEmpty,
              caveats.skippedInvalid,
            )}
          </li>
          {caveats.gaps.length > 0 && (
            <li>
              {m.caveatGaps(caveats.gaps.length)}{' '}
              {caveats.gaps.map((r) => rowTitle(r, m)).join('; ')}
            </li>
          )}
          {caveats.singleRunOnly.length > 0 && (
            <li>
              {m.caveatSingle(caveats.singleRunOnly.length)}{' '}
              {caveats.singleRunOnly.map((r) => rowTitle(r, m)).join('; ')}
            </li>
          )}
          {stallRows(model.matrix).length > 0 && (
            <li data-testid="report-stalls">
              {m.caveatStalls(stallRows(model.matrix).length)}{' '}
              {stallRows(model.matrix)
                .map((r) => `${rowTitle(r.row, m)}: ${r.stalls.map((x) => x.text).join(', ')}`)
                .join('; ')}
            </li>
          )}
        </ul>
      </section>

      <section className="report-section" aria-labelledby="r-platforms">
        <h2 id="r-platforms">{m.platforms}</h2>
        <p className="report-lead">{m.platformsLead}</p>
        <table className="report-table platform-table" data-testid="report-platforms">
          <thead>
            <tr>
              <th>{m.storage}</th>
              <th>{m.ours}</th>
              {PLATFORMS.map((p) => (
                <th key={p}>{PLATFORM_NAMES[p]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.matrix.map((row) => (
              <tr key={rowTitle(row, m)}>
                <th scope="row">{rowTitle(row, m)}</th>
                <td>
                  <strong>{row.decision.recommendation}</strong>
                </td>
                {PLATFORMS.map((p) => {
                  const c = row.decision.platforms[p];
                  const differs = effectiveMode(c) !== row.decision.recommendation;
                  return (
                    <td key={p} className={differs ? 'differs' : ''} title={c.why[lang]}>
                      {c.mode}
                      {c.validOnHost === false && <sup title={m.notOnHost}>*</sup>}
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
        ) && <p className="small muted">* {m.notOnHost}</p>}
      </section>

      <section className="report-section" aria-labelledby="r-questions">
        <h2 id="r-questions">{m.openQuestions}</h2>
        {model.openQuestions.map((q) => (
          <div className="open-question" key={q.id} data-testid={`question-${q.id}`}>
            <h3>{q.title[lang]}</h3>
            <p className="small">
              <strong>{m.known}:</strong>
            </p>
            <ul>
              {q.known.map((k, i) => (
                <li key={i}>
                  {k.text[lang]} <span className="cite">[{k.citations.join(', ')}]</span>
                </li>
              ))}
            </ul>
            <p>
              <strong>{m.dataSays}:</strong> {q.data[lang]}
            </p>
            <p>
              <strong>{m.next}:</strong> {q.next[lang]}
            </p>
          </div>
        ))}
      </section>

      <section className="report-section" aria-labelledby="r-rules">
        <h2 id="r-rules">{m.rules}</h2>
        <p className="report-lead">{m.rulesLead}</p>
        <table className="report-table rules-table">
          <thead>
            <tr>
              <th>{m.rule}</th>
              <th>{m.implementsCol}</th>
              <th>{m.reasons}</th>
              <th>{m.sources}</th>
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

      <section className="report-section" aria-labelledby="r-sources">
        <h2 id="r-sources">{m.sources}</h2>
        <p className="report-lead">{m.sourcesLead}</p>
        <ol className="sources" data-testid="report-sources">
          {model.sources.map((s) => (
            <li key={s.id} id={`src-${s.id}`}>
              <span className="cite">[{s.id}]</span> <span className="tag">[{s.tag}]</span>{' '}
              {s.title} <span className="muted">({s.section})</span>
              <br />
              <a href={s.url} rel="noreferrer noopener" target="_blank" className="url">
                {s.url}
              </a>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
