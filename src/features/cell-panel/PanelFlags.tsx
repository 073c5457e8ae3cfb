/** The side panel's data-quality section: each flagged record with its flags explained. */
import { explainFlags } from '../../core/ingest/flags';
import type { ResultRecord } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';

export function PanelFlags({
  records,
  excluded,
  setRecords,
}: {
  /** Records of the selected cells; the flagged ones are listed. */
  records: readonly ResultRecord[];
  /** Flagged records the comparison left out. */
  excluded: number;
  /** Records of the enabled sets, to name the pre-written counterpart of a sparse read. */
  setRecords: readonly ResultRecord[];
}) {
  const { t, lang } = useI18n();
  const flagged = records.filter((r) => r.flags.length > 0);
  return (
    <section>
      <h3>{t('panel.flags')}</h3>
      {excluded > 0 && <p className="muted">{t('panel.excluded', { n: excluded })}</p>}
      {flagged.length === 0 ? (
        <p className="muted">{t('panel.noFlags')}</p>
      ) : (
        <ul className="flag-list">
          {flagged.map((r) =>
            explainFlags(r, lang, setRecords).map((e) => (
              <li key={`${r.origin}-${r.aio ?? ''}-${e.flag}`}>
                <span className="pill flag">⚑ {t(`flag.${e.flag}`)}</span> <code>{r.origin}</code> (
                {r.aio ?? '—'})<p>{e.text}</p>
              </li>
            )),
          )}
        </ul>
      )}
    </section>
  );
}
