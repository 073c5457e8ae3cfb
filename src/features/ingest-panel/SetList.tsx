import type { IngestReport } from '../../core/model/record.types';
import type { LoadedSet } from '../../worker/loaded-set.types';
import type { IngestMessages } from './messages';

/** Rejected rows shown per report; the rest are counted ("… and N more"). */
const MAX_REJECTED_SHOWN = 200;

function ReportRow({ report, t }: { report: IngestReport; t: IngestMessages }) {
  const rejected = report.rejected.length;
  return (
    <li className="ingest-report" data-file={report.file}>
      <div>
        <span className="ingest-file">{report.file}</span>{' '}
        <span className="ingest-format">({report.format})</span>
      </div>
      <div className="ingest-counts">
        {t.counts(report.read, report.accepted, rejected, report.flagged)}
      </div>
      {report.notes.length > 0 && (
        <ul className="ingest-notes">
          {report.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {rejected > 0 && (
        <details className="ingest-rejected">
          <summary>{t.rejectedRows(rejected)}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.file}</th>
                <th scope="col">{t.line}</th>
                <th scope="col">{t.reason}</th>
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
          {rejected > MAX_REJECTED_SHOWN && <p>{t.more(rejected - MAX_REJECTED_SHOWN)}</p>}
        </details>
      )}
    </li>
  );
}

interface SetListProps {
  sets: readonly LoadedSet[];
  t: IngestMessages;
  onRemove: (name: string) => void;
}

/** Each loaded set with its files' accounting and rejected rows, and a remove button. */
export function SetList({ sets, t, onRemove }: SetListProps) {
  if (sets.length === 0) return <p className="ingest-empty">{t.noSets}</p>;
  return (
    <ul className="ingest-sets" aria-label={t.loadedSets}>
      {sets.map((set) => (
        <li key={set.name} className="ingest-set" data-set={set.name}>
          <div className="ingest-set-head">
            <strong className="ingest-set-name">{set.name}</strong>
            <span className="ingest-set-size">{t.records(set.records.length)}</span>
            <button
              type="button"
              onClick={() => onRemove(set.name)}
              aria-label={t.removeSet(set.name)}
              title={t.remove}
            >
              {t.remove}
            </button>
          </div>
          {set.description && <p className="ingest-set-description">{set.description}</p>}
          <ul className="ingest-reports">
            {set.reports.map((report, i) => (
              <ReportRow key={`${report.file}-${i}`} report={report} t={t} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
