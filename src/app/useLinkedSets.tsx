import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { matchLinkedSets, setRefOf } from '../core/url-state/url-state';
import type { SetRef, ViewState } from '../core/url-state/url-state.types';
import { useI18n } from '../shared/i18n/i18n';
import type { I18n } from '../shared/i18n/i18n';
import { Notice } from '../shared/ui/Notice';
import type { ResultSets } from './useResultSets';

const sameRefs = (a: readonly SetRef[] | undefined, b: readonly SetRef[]) =>
  (a ?? []).length === b.length &&
  b.every((r, i) => {
    const o = a![i]!;
    return o.name === r.name && o.records === r.records && o.hash === r.hash;
  });

function refText(i18n: I18n, r: SetRef): string {
  const records = i18n.fmt.int(r.records);
  return r.hash
    ? i18n.t('hint.linkMissing', { name: r.name, records, hash: `${r.hash.slice(0, 4)}…` })
    : i18n.t('hint.linkMissingNoHash', { name: r.name, records });
}

/**
 * Links that name their data (issue 11, item 5). The view's `sources` (URL `src`) record the sets
 * it was made from. Opening a link: once the data is loaded, the linked sets are looked up
 * (matchLinkedSets); when all are here, the view shows exactly them (the others hidden); when
 * some are missing or loaded with other content, the analysis area says which instead of
 * showing other data, until they are loaded or the user asks for what is loaded. After that, the
 * view's sources follow the shown sets, so a copied link names them.
 */
export function useLinkedSets(
  data: ResultSets,
  view: ViewState,
  setView: (update: (prev: ViewState) => ViewState) => void,
): { blocked: boolean; notice: ReactNode; blockedView: ReactNode } {
  const i18n = useI18n();
  const { t } = i18n;
  // The link's sets, until they are resolved (found, or the user shows what is loaded).
  const [linked, setLinked] = useState<SetRef[] | null>(() => view.sources ?? null);
  const ready = data.status === 'ready';
  const match = useMemo(
    () => (linked && ready ? matchLinkedSets(linked, data.sets.map(setRefOf)) : null),
    [linked, ready, data.sets],
  );
  const blocked = match !== null && match.missing.length + match.changed.length > 0;

  // Every linked set is here: show exactly those (renamed ones under their name here).
  useEffect(() => {
    if (!match || blocked) return;
    const shown = new Set(match.present.map((p) => p.loaded));
    setView((prev) => ({
      ...prev,
      hiddenSets: [...new Set([...prev.hiddenSets.filter((n) => !shown.has(n)), ...match.extra])],
    }));
    setLinked(null);
  }, [match, blocked, setView]);

  // Resolved: the link names the sets shown.
  const shownRefs = useMemo(
    () => data.sets.filter((s) => !view.hiddenSets.includes(s.name)).map(setRefOf),
    [data.sets, view.hiddenSets],
  );
  useEffect(() => {
    if (linked !== null || !ready) return;
    if (!sameRefs(view.sources, shownRefs)) setView((prev) => ({ ...prev, sources: shownRefs }));
  }, [linked, ready, shownRefs, view.sources, setView]);

  if (!blocked || !match) return { blocked: false, notice: null, blockedView: null };
  const lines = [
    ...match.missing.map((r) => refText(i18n, r)),
    ...match.changed.map((c) =>
      t('hint.linkChanged', {
        name: c.linked.name,
        records: i18n.fmt.int(c.loaded.records),
        hash: c.loaded.hash ? `${c.loaded.hash.slice(0, 4)}…` : '—',
      }),
    ),
  ];
  const showLoaded = (
    <button
      type="button"
      className="btn btn-primary"
      onClick={() => {
        // What is loaded here, all of it: the link's hidden sets were the sender's.
        setView((prev) => ({ ...prev, hiddenSets: [] }));
        setLinked(null);
      }}
      data-testid="show-loaded"
    >
      {t('hint.linkShowLoaded')}
    </button>
  );
  const sentence = `${t('hint.linkTitle')}: ${lines.join(', ')}`;
  return {
    blocked: true,
    notice: (
      <Notice title={sentence} testId="linked-sets-notice">
        <span> — {t('hint.linkBody')}</span>
      </Notice>
    ),
    blockedView: (
      <div className="state" role="status" data-state="empty" data-testid="linked-sets-missing">
        <span className="state-icon" aria-hidden="true">
          ⚠
        </span>
        <p>{sentence}</p>
        <p>{t('hint.linkBody')}</p>
        {showLoaded}
      </div>
    ),
  };
}
