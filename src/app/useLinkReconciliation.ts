/**
 * The second validation stage of a link: once the data is there, link values the data does not
 * have are dropped (reported as URL issues), and a host profile the policy module rejects is
 * dropped with its reason (shown by UrlNotices).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { dimensionValue } from '../core/compare';
import { parseHostProfile } from '../core/policy/host-profile';
import type { Dimension } from '../core/model/record.types';
import { reconcileWithData } from '../core/url-state/url-state';
import type { UrlIssue, ViewState } from '../core/url-state/url-state.types';
import type { ResultSets } from './useResultSets';
import { allRecords } from './useResultSets';

export function useLinkReconciliation({
  data,
  view,
  setView,
  addIssues,
  blocked,
}: {
  data: ResultSets;
  view: ViewState;
  setView: (update: (prev: ViewState) => ViewState) => void;
  addIssues: (issues: UrlIssue[]) => void;
  /** The link's own sets are missing: nothing is reconciled against the data shown instead. */
  blocked: boolean;
}): { hostError: string | null; dismissHostError: () => void } {
  const reconciled = useRef(false);
  useEffect(() => {
    if (reconciled.current || data.status !== 'ready' || blocked) return;
    reconciled.current = true;
    const all = allRecords(data.sets);
    const cache = new Map<Dimension, Set<string>>();
    const known = (dim: Dimension) => {
      let s = cache.get(dim);
      if (!s) {
        s = new Set(all.map((r) => dimensionValue(r, dim)));
        cache.set(dim, s);
      }
      return s;
    };
    const r = reconcileWithData(
      view,
      data.sets.map((s) => s.name),
      known,
    );
    if (r.issues.length > 0) {
      addIssues(r.issues);
      setView(() => r.state);
    }
  }, [data.status, data.sets, view, setView, addIssues, blocked]);

  // The host profile of a link is checked by the policy module; an invalid one is dropped, with a notice.
  const [hostError, setHostError] = useState<string | null>(null);
  useEffect(() => {
    if (view.host === null) return;
    const r = parseHostProfile(view.host);
    if (!r.ok) {
      setHostError(r.reason);
      setView((prev) => ({ ...prev, host: null }));
    }
  }, [view.host, setView]);
  const dismissHostError = useCallback(() => setHostError(null), []);
  return { hostError, dismissHostError };
}
