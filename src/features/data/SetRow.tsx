/** One set in the data bar's list: show/hide, its counts and files, rename, remove, merge tick. */
import { useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n';
import type { SetChip } from './DataBar';
import { LoadReport } from './LoadReport';
import type { SetActions } from './set-actions.types';

/** One row of the set list, with its load reports on demand. */
export function SetRow({
  set,
  visible,
  selected,
  onSelect,
  selecting,
  actions,
}: {
  set: SetChip;
  visible: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  /** The merge mode is on: a tick box per set of the user's own. */
  selecting: boolean;
  actions: SetActions;
}) {
  const { t, fmt } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(set.name);
  const [error, setError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [open, setOpen] = useState(false);
  const editable = !set.bundled;

  const submitRename = () => {
    if (!actions.onRename) return;
    const r = actions.onRename(set.name, draft);
    if (r.ok) {
      setRenaming(false);
      setError(null);
    } else setError(t(`sets.error.${r.reason}`, { name: draft.trim() }));
  };

  return (
    <li
      className={`set-row ingest-set${visible ? ' on' : ''}`}
      data-set={set.name}
      data-testid={`set-${set.name}`}
    >
      <div className="set-row-head">
        {selecting && (
          <input
            type="checkbox"
            className="set-select"
            checked={selected}
            disabled={!editable}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            aria-label={t('sets.select', { name: set.name })}
            title={t('sets.select', { name: set.name })}
          />
        )}
        <label className="set-visible" title={set.source}>
          <input
            type="checkbox"
            checked={visible}
            onChange={(e) => actions.onToggle(set.name, e.currentTarget.checked)}
            aria-label={t('data.toggleSet', { name: set.name })}
          />
          {renaming ? null : <span className="set-name ingest-set-name">{set.name}</span>}
        </label>
        {renaming && (
          <form
            className="set-rename"
            onSubmit={(e) => {
              e.preventDefault();
              submitRename();
            }}
          >
            <input
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              aria-label={t('sets.newName', { name: set.name })}
              autoFocus
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  setRenaming(false);
                  setError(null);
                }
              }}
            />
            <button type="submit" className="btn btn-small">
              {t('sets.save')}
            </button>
          </form>
        )}
        <span className="set-kind">{set.bundled ? t('data.bundled') : t('data.loaded')}</span>
        <span className="set-count ingest-set-size">
          {set.counts.records === 1
            ? t('sets.oneRecord')
            : t('data.records', { n: fmt.int(set.counts.records) })}
        </span>
        {set.counts.flagged > 0 && (
          <span className="pill flag">⚑ {t('data.flagged', { n: fmt.int(set.counts.flagged) })}</span>
        )}
        <span className="set-row-actions">
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {t('sets.files', { n: fmt.int(set.reports.length) })} {open ? '▴' : '▾'}
          </button>
          {editable && actions.onRename && !renaming && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setDraft(set.name);
                setRenaming(true);
              }}
              aria-label={t('sets.renameSet', { name: set.name })}
            >
              {t('sets.rename')}
            </button>
          )}
          {editable &&
            actions.onRemove &&
            (confirmRemove ? (
              <>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  onClick={() => actions.onRemove?.(set.name)}
                >
                  {t('sets.confirmRemove')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setConfirmRemove(false)}
                >
                  {t('sets.cancel')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setConfirmRemove(true)}
                aria-label={t('sets.removeSet', { name: set.name })}
              >
                {t('sets.remove')}
              </button>
            ))}
        </span>
      </div>
      {error && (
        <p className="set-error" role="alert">
          {error}
        </p>
      )}
      {open && (
        <div className="set-details">
          {set.description && <p className="ingest-set-description">{set.description}</p>}
          {set.mapping && (
            <p className="set-mapping">
              {t('sets.mapping', {
                list: Object.entries(set.mapping)
                  .map(
                    ([h, c]) =>
                      `${h} → ${c.kind === 'field' ? c.field : c.kind === 'extra' ? t('sets.target.extra', { name: c.name }) : t('sets.target.ignore')}`,
                  )
                  .join('; '),
              })}
            </p>
          )}
          <ul className="ingest-reports">
            {set.reports.map((r, i) => (
              <LoadReport key={`${r.file}-${i}`} report={r} />
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
