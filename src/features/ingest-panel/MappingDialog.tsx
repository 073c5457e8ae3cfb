import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ColumnChoice, ColumnInference, ColumnMap } from '../../core/ingest/column-map';
import { CANONICAL_COLUMNS } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import type { MappingStep } from './useIngest';

/** Fields a column can be mapped to here (provenance columns are the app's own). */
const FIELDS = CANONICAL_COLUMNS.filter((c) => c !== 'flags' && c !== 'origin');

const choiceValue = (c: ColumnChoice): string => (c.kind === 'field' ? `field:${c.field}` : c.kind);

function choiceOf(value: string, header: string): ColumnChoice {
  if (value.startsWith('field:')) return { kind: 'field', field: value.slice(6) } as ColumnChoice;
  if (value === 'ignore') return { kind: 'ignore' };
  return { kind: 'extra', name: header };
}

/**
 * The column mapping step: every column of a table file (and of the other files of its set
 * with the same header row) with its first values and a choice — a canonical field, kept as
 * an extra column under its header, or ignored — pre-filled with what the import inferred.
 * Apply re-reads the files with the choices at once and remembers them for the header row.
 */
export function MappingDialog({
  step,
  onApply,
  onSkip,
}: {
  step: MappingStep;
  onApply: (map: ColumnMap) => void;
  onSkip: () => void;
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const first = step.tables[0];
  const columns: ColumnInference[] = useMemo(() => first?.columns ?? [], [first]);
  const [choices, setChoices] = useState<string[]>(() => columns.map((c) => choiceValue(c.choice)));

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const fieldLabel = (f: string) => {
    const dim = `dim.${f}`;
    const metric = `metric.${f}`;
    if (i18n.has(dim)) return `${f} — ${t(dim)}`;
    if (i18n.has(metric)) return `${f} — ${t(metric)}`;
    return f;
  };
  // Every canonical field, and any other field the import inferred (e.g. `restates`).
  const fields = useMemo(() => {
    const out: string[] = [...FIELDS];
    for (const c of columns)
      if (c.choice.kind === 'field' && !out.includes(c.choice.field)) out.push(c.choice.field);
    return out;
  }, [columns]);
  const guessed = columns.filter((c) => c.how !== 'exact' && c.how !== 'explicit').length;

  return (
    <dialog
      ref={ref}
      className="mapping-dialog"
      aria-labelledby={titleId}
      data-testid="mapping-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onSkip();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          const map: Record<string, ColumnChoice> = {};
          // The choices for every column that was not named exactly, and any the user changed:
          // the columns found by their own names stay as they are.
          columns.forEach((c, i) => {
            const value = choices[i] ?? choiceValue(c.choice);
            if (c.how !== 'exact' || value !== choiceValue(c.choice))
              map[c.header] = choiceOf(value, c.header);
          });
          onApply(map);
        }}
      >
        <h2 id={titleId}>{t('mapping.title')}</h2>
        <p>
          {t('mapping.intro', { file: first?.file ?? '', set: step.set, n: fmt.int(guessed) })}
          {step.tables.length > 1 && (
            <> {t('mapping.others', { n: fmt.int(step.tables.length - 1) })}</>
          )}
        </p>
        <div className="mapping-scroll">
          <table className="mapping-table">
            <thead>
              <tr>
                <th scope="col">{t('mapping.column')}</th>
                <th scope="col">{t('mapping.values')}</th>
                <th scope="col">{t('mapping.how')}</th>
                <th scope="col">{t('mapping.choice')}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c, i) => (
                <tr key={c.column} data-header={c.header} className={`how-${c.how}`}>
                  <th scope="row">{c.header}</th>
                  <td className="mapping-values">
                    {c.values.length > 0 ? c.values.join(', ') : t('mapping.noValues')}
                  </td>
                  <td>
                    <span className={`pill how how-${c.how}`}>{t(`mapping.how.${c.how}`)}</span>
                  </td>
                  <td>
                    <select
                      value={choices[i]}
                      aria-label={t('mapping.choiceFor', { header: c.header })}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setChoices((prev) => prev.map((p, k) => (k === i ? v : p)));
                      }}
                    >
                      <option value="extra">{t('mapping.extra', { header: c.header })}</option>
                      <option value="ignore">{t('mapping.ignore')}</option>
                      <optgroup label={t('mapping.fields')}>
                        {fields.map((f) => (
                          <option key={f} value={`field:${f}`}>
                            {fieldLabel(f)}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mapping-hint">{t('mapping.remember')}</p>
        <div className="ingest-dialog-buttons">
          <button type="button" className="btn" onClick={onSkip}>
            {t('mapping.keep')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('mapping.apply')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
