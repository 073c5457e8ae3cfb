import { useMemo } from 'react';
import { compare } from '../core/compare';
import type { CellComparison } from '../core/compare';
import { AIO_MODES } from '../core/model/record.types';
import { defaultHostProfile, parseHostProfile } from '../core/policy';
import type { Lang } from '../core/i18n';
import { ReportPage } from '../features/report';
import { useI18n } from '../shared/i18n/i18n';
import { Notice } from '../shared/ui/Notice';
import { Skeleton, StateView } from '../shared/ui/StateView';
import type { ResultSets } from './useResultSets';
import { allRecords } from './useResultSets';

/** Records a page holds well (bench section 4: 1M records within a 600 MB heap). */
const LOADABLE_RECORDS = 1_000_000;

/**
 * Lazy chunk of the /report route: the decision report over the enabled result sets (filters
 * do not apply: the report is the whole-data decision), with every pair of aio modes present.
 * It reads records (flag counts, modes, open questions): sets compared on the team server are
 * not in it, and it says so.
 */
export default function ReportRoute({
  lang,
  host,
  data,
  hiddenSets,
  excludeFlagged,
  loadRecords,
}: {
  lang: Lang;
  host: string | null;
  data: ResultSets;
  hiddenSets: readonly string[];
  excludeFlagged: boolean;
  /** Loads a server set's records here (useTeamSets), so that the report can include it. */
  loadRecords?: (id: string) => Promise<void>;
}) {
  const { t, fmt } = useI18n();
  const sets = useMemo(
    () => data.sets.filter((s) => !hiddenSets.includes(s.name)),
    [data.sets, hiddenSets],
  );
  const records = useMemo(() => allRecords(sets), [sets]);
  const comparisons = useMemo(() => {
    const present = new Set(records.map((r) => r.aio));
    const modes = AIO_MODES.filter((m) => present.has(m));
    const out: CellComparison[] = [];
    // threads→native, threads→io_uring, native→io_uring: every pair the data has.
    for (let i = 0; i < modes.length; i++)
      for (let j = i + 1; j < modes.length; j++)
        out.push(
          ...compare(records, {
            axis: 'aio',
            baseline: modes[i]!,
            candidate: modes[j]!,
            excludeFlagged,
          }).cells,
        );
    return out;
  }, [records, excludeFlagged]);
  const profile = useMemo(() => {
    const r = parseHostProfile(host);
    return r.ok ? r.value : defaultHostProfile();
  }, [host]);

  if (data.status === 'loading') return <Skeleton rows={14} height={24} />;
  if (data.status === 'error')
    return <StateView kind="error" message={t('state.error', { reason: data.error ?? '' })} />;
  const onServer = sets.filter((s) => s.server);
  return (
    <>
      {onServer.length > 0 && (
        <Notice
          title={t('server.notInReport', {
            names: onServer.map((s) => `“${s.name}”`).join(', '),
          })}
          testId="report-server-sets"
        >
          {loadRecords &&
            onServer.map((s) =>
              s.server && s.server.records <= LOADABLE_RECORDS ? (
                <button
                  key={s.name}
                  type="button"
                  className="btn btn-small"
                  onClick={() => void loadRecords(s.server!.id)}
                  data-testid="report-load-records"
                >
                  {t('server.loadForReport', { name: s.name, records: fmt.int(s.server.records) })}
                </button>
              ) : null,
            )}
        </Notice>
      )}
      <ReportPage
        records={records}
        comparisons={comparisons}
        host={profile}
        lang={lang}
        sets={sets.map((s) => s.name)}
        permalink={window.location.href}
      />
    </>
  );
}
