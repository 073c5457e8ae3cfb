/** The data bar's list of loaded sets: filter, show/hide, rename, remove and merge (rows: SetRow.tsx). */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n';
import type { SetChip } from './DataBar';
import type { SetActions } from './set-actions.types';
import { SetRow } from './SetRow';

export type { SetActions, SetEditResult } from './set-actions.types';

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
        {([true, false] as const).map((on) => (
          <button
            key={String(on)}
            type="button"
            className="btn btn-small"
            onClick={() =>
              actions.onToggleMany(
                shown.map((s) => s.name),
                on,
              )
            }
          >
            {t(on ? 'sets.showAll' : 'sets.hideAll')}
          </button>
        ))}
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
