import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ColumnInference } from '../../core/ingest/column-map';
import type { IngestReport } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import type { I18n } from '../../shared/i18n/i18n';
import type { SetChip } from './DataBar';

/** Outcome of a rename or merge as the app reports it. */
export type SetEditResult =
  | { ok: true; name: string }
  | { ok: false; reason: 'empty' | 'taken' | 'none' | 'bundled' };

export interface SetActions {
  onToggle: (name: string, on: boolean) => void;
  /** Shows (on) or hides every set named. */
  onToggleMany: (names: readonly string[], on: boolean) => void;
  onRename?: (from: string, to: string) => SetEditResult;
  onRemove?: (name: string) => void;
  onMerge?: (names: readonly string[], into: string) => SetEditResult;
}

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

function Report({ report }: { report: IngestReport }) {
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

function SetRow({
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
              <Report key={`${r.file}-${i}`} report={r} />
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/**
 * The searchable list of loaded sets, as an overlay under the data bar's summary line: a filter
 * box, show/hide per set and for every set shown by the filter, rename, remove, and merge of the
 * sets ticked. Its list scrolls inside a bounded box, so any number of sets fits.
 */
export function SetManager({
  sets,
  hidden,
  actions,
  onClose,
}: {
  sets: readonly SetChip[];
  hidden: readonly string[];
  actions: SetActions;
  onClose: () => void;
}) {
  const { t, fmt } = useI18n();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [mergeName, setMergeName] = useState('');
  const [selecting, setSelecting] = useState(false);
  const [mergeError, setMergeError] = useState<string | null>(null);
  const filterId = useId();
  const root = useRef<HTMLDivElement>(null);

  const hiddenSet = useMemo(() => new Set(hidden), [hidden]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (q === '') return sets;
    return sets.filter(
      (s) =>
        s.name.toLowerCase().includes(q) ||
        s.source.toLowerCase().includes(q) ||
        s.files.some((f) => f.toLowerCase().includes(q)),
    );
  }, [sets, query]);
  // Names that left the list (removed, merged, renamed) are no longer selected.
  const picked = useMemo(
    () => sets.filter((s) => selected.has(s.name)).map((s) => s.name),
    [sets, selected],
  );

  // Escape or a click outside closes the list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    const onDown = (e: PointerEvent) => {
      const el = root.current;
      if (!el || !(e.target instanceof Node) || el.contains(e.target)) return;
      if (e.target instanceof Element && e.target.closest('.set-summary, dialog')) return;
      onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [onClose]);

  const merge = () => {
    if (!actions.onMerge) return;
    const into = mergeName.trim() || picked[0] || '';
    const r = actions.onMerge(picked, into);
    if (r.ok) {
      setSelected(new Set());
      setMergeName('');
      setMergeError(null);
      setSelecting(false);
    } else setMergeError(t(`sets.error.${r.reason}`, { name: into }));
  };

  return (
    <div
      className="set-manager"
      ref={root}
      role="dialog"
      aria-modal="false"
      aria-label={t('sets.listLabel')}
      data-testid="set-manager"
    >
      <div className="set-manager-tools">
        <label htmlFor={filterId} className="visually-hidden">
          {t('sets.filter')}
        </label>
        <input
          id={filterId}
          type="search"
          className="set-filter"
          placeholder={t('sets.filterPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          autoFocus
        />
        <span className="set-manager-count">
          {t('sets.showing', { shown: fmt.int(shown.length), total: fmt.int(sets.length) })}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            actions.onToggleMany(
              shown.map((s) => s.name),
              true,
            )
          }
        >
          {t('sets.showAll')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            actions.onToggleMany(
              shown.map((s) => s.name),
              false,
            )
          }
        >
          {t('sets.hideAll')}
        </button>
        {actions.onMerge && (
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={selecting}
            onClick={() => {
              setSelecting((on) => !on);
              setSelected(new Set());
              setMergeError(null);
            }}
          >
            {t('sets.mergeMode')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small set-manager-close"
          onClick={onClose}
          aria-label={t('sets.close')}
        >
          ✕
        </button>
      </div>
      <ul className="set-rows ingest-sets" aria-label={t('sets.listLabel')}>
        {shown.map((s) => (
          <SetRow
            key={s.name}
            set={s}
            visible={!hiddenSet.has(s.name)}
            selected={selected.has(s.name)}
            onSelect={(on) =>
              setSelected((prev) => {
                const next = new Set(prev);
                if (on) next.add(s.name);
                else next.delete(s.name);
                return next;
              })
            }
            selecting={selecting}
            actions={actions}
          />
        ))}
        {shown.length === 0 && <li className="set-none">{t('sets.noMatch', { q: query })}</li>}
      </ul>
      {actions.onMerge && selecting && picked.length < 2 && (
        <p className="set-merge set-merge-hint">{t('sets.mergeHint')}</p>
      )}
      {actions.onMerge && selecting && picked.length >= 2 && (
        <form
          className="set-merge"
          onSubmit={(e) => {
            e.preventDefault();
            merge();
          }}
        >
          <label>
            {t('sets.mergeInto', { n: fmt.int(picked.length) })}{' '}
            <input
              value={mergeName}
              placeholder={picked[0]}
              onChange={(e) => setMergeName(e.currentTarget.value)}
            />
          </label>
          <button type="submit" className="btn btn-small btn-primary">
            {t('sets.merge')}
          </button>
          {mergeError && (
            <span className="set-error" role="alert">
              {mergeError}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
