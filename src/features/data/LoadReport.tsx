/** What one load did to one file: counts, column inferences and notes, and the rejected rows. */
import type { ColumnInference } from '../../core/ingest/column-map';
import type { IngestReport } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import type { I18n } from '../../shared/i18n/i18n';

/** Rejected rows listed per report; the rest are counted. */
const MAX_REJECTED_SHOWN = 200;

/** One inference as a note in the UI language (from the structure, not the core's English line). */
export function inferenceNote(i18n: I18n, c: ColumnInference): string {
  const target =
    c.choice.kind === 'field'
      ? c.choice.field
      : c.choice.kind === 'extra'
        ? i18n.t('sets.target.extra', { name: c.choice.name })
        : i18n.t('sets.target.ignore');
  return i18n.t(`sets.note.${c.how}`, {
    header: c.header,
    target,
    values: c.values.join(i18n.t('list.separator')),
  });
}

export function LoadReport({ report }: { report: IngestReport }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const rejected = report.rejected.length;
  const inferred = (report.columns ?? []).filter((c) => c.how !== 'exact');
  return (
    <li className="ingest-report" data-file={report.file}>
      <div>
        <span className="ingest-file">{report.file}</span>{' '}
        <span className="ingest-format">({report.format})</span>
      </div>
      <div className="ingest-counts">
        {t('sets.counts', {
          read: report.read,
          accepted: report.accepted,
          rejected,
          flagged: report.flagged,
        })}
      </div>
      {(report.notes.length > 0 || inferred.length > 0) && (
        <ul className="ingest-notes">
          {inferred.map((c) => (
            <li key={`c${c.column}`} data-testid="load-note">
              {inferenceNote(i18n, c)}
            </li>
          ))}
          {report.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {rejected > 0 && (
        <details className="ingest-rejected">
          <summary>{t('sets.rejectedRows', { n: fmt.int(rejected) })}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sets.file')}</th>
                <th scope="col">{t('sets.line')}</th>
                <th scope="col">{t('sets.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.slice(0, MAX_REJECTED_SHOWN).map((r, i) => (
                <tr key={i}>
                  <td>{r.file}</td>
                  <td>{r.line}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rejected > MAX_REJECTED_SHOWN && (
            <p>{t('sets.more', { n: fmt.int(rejected - MAX_REJECTED_SHOWN) })}</p>
          )}
        </details>
      )}
    </li>
  );
}
