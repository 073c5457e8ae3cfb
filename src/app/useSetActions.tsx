import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ViewState } from '../core/url-state/url-state.types';
import type { SetActions } from '../features/data/SetManager';
import { useI18n } from '../shared/i18n/i18n';
import type { LoadedSet } from '../worker/loaded-set.types';
import type { AddOutcome, ResultSets } from './useResultSets';

const without = (list: readonly string[], drop: Iterable<string>): string[] => {
  const gone = new Set(drop);
  return list.filter((n) => !gone.has(n));
};

/**
 * The data bar's set actions on the data (useResultSets) and the view (which sets are hidden,
 * in the URL), kept consistent: a renamed set keeps its shown/hidden state, a removed or merged
 * one leaves the hidden list. "Their data first": when the user's own files are added while
 * bundled sets are shown, the bundled sets are hidden, with a note and a one-click way back.
 */
export function useSetActions(
  data: ResultSets,
  hidden: readonly string[],
  setView: (update: (prev: ViewState) => ViewState) => void,
): { actions: SetActions; onLoaded: (sets: LoadedSet[]) => AddOutcome; note: ReactNode } {
  const { t } = useI18n();
  const [bundledHidden, setBundledHidden] = useState<string[]>([]);
  const hiddenRef = useRef(hidden);
  useEffect(() => {
    hiddenRef.current = hidden;
  }, [hidden]);
  const setHidden = useCallback(
    (f: (prev: readonly string[]) => string[]) =>
      setView((prev) => ({ ...prev, hiddenSets: f(prev.hiddenSets) })),
    [setView],
  );
  const { addSets, renameSet, removeSet, mergeSets, bundled, sets } = data;
  // Once the user has shown bundled data again themselves, later loads leave it shown.
  const bundledWanted = useRef(false);
  const showing = useCallback(
    (names: readonly string[]) => {
      if (names.some((n) => bundled.has(n))) bundledWanted.current = true;
    },
    [bundled],
  );

  const onLoaded = useCallback(
    (loaded: LoadedSet[]): AddOutcome => {
      const outcome = addSets(loaded);
      if (outcome.added.length === 0) return outcome;
      const present = new Set(sets.map((s) => s.name));
      // Their data first — unless they already look at their own sets beside the bundled ones.
      const ownShown = sets.some(
        (s) => !bundled.has(s.name) && !hiddenRef.current.includes(s.name),
      );
      const shownBundled =
        bundledWanted.current || ownShown
          ? []
          : [...bundled].filter((n) => present.has(n) && !hiddenRef.current.includes(n));
      const addedNames = outcome.added.map((s) => s.name);
      setHidden((prev) => [...without(prev, addedNames), ...without(shownBundled, prev)]);
      if (shownBundled.length > 0) setBundledHidden(shownBundled);
      return outcome;
    },
    [addSets, bundled, sets, setHidden],
  );

  const actions = useMemo<SetActions>(
    () => ({
      onToggle: (name, on) => {
        if (on) showing([name]);
        setHidden((prev) => (on ? without(prev, [name]) : [...without(prev, [name]), name]));
      },
      onToggleMany: (names, on) => {
        if (on) showing(names);
        setHidden((prev) => (on ? without(prev, names) : [...without(prev, names), ...names]));
      },
      onRename: (from, to) => {
        const r = renameSet(from, to);
        if (r.ok && r.name !== from)
          setHidden((prev) =>
            prev.includes(from) ? [...without(prev, [from]), r.name] : [...prev],
          );
        return r;
      },
      onRemove: (name) => {
        removeSet(name);
        // The last set shown removed: the bundled data comes back rather than an empty view.
        const left = sets.filter((s) => s.name !== name).map((s) => s.name);
        const noneShown = left.every((n) => hiddenRef.current.includes(n));
        setHidden((prev) => without(prev, noneShown ? [name, ...bundled] : [name]));
        if (noneShown) setBundledHidden([]);
      },
      onMerge: (names, into) => {
        const r = mergeSets(names, into);
        if (r.ok) setHidden((prev) => without(prev, [...names, r.name]));
        return r;
      },
    }),
    [renameSet, removeSet, mergeSets, setHidden, sets, bundled, showing],
  );

  const note =
    bundledHidden.length > 0 ? (
      <p className="bundled-hidden-note" role="status" data-testid="bundled-hidden">
        {t('sets.bundledHidden', { names: bundledHidden.join(', ') })}{' '}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            actions.onToggleMany(bundledHidden, true);
            setBundledHidden([]);
          }}
        >
          {t('sets.showBundled')}
        </button>{' '}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setBundledHidden([])}
          aria-label={t('notice.dismiss')}
        >
          ✕
        </button>
      </p>
    ) : null;

  return { actions, onLoaded, note };
}
