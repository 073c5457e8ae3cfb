import { useCallback, useEffect, useRef, useState } from 'react';
import { parseViewState, serializeViewState } from '../core/url-state/url-state';
import type { UrlIssue, ViewState } from '../core/url-state/url-state.types';

/**
 * The view state lives in the query string: parsed once at start (invalid params reported as
 * issues), then every change is written back with replaceState so a copied link reproduces the
 * view. Back/forward (popstate) re-reads the URL.
 */
export function useViewState(): {
  view: ViewState;
  setView: (update: (prev: ViewState) => ViewState) => void;
  issues: UrlIssue[];
  addIssues: (issues: UrlIssue[]) => void;
  dismissIssues: () => void;
} {
  const [initial] = useState(() => parseViewState(window.location.search));
  const [view, setViewState] = useState<ViewState>(initial.state);
  const [issues, setIssues] = useState<UrlIssue[]>(initial.issues);
  const lastWritten = useRef<string | null>(null);

  useEffect(() => {
    const query = serializeViewState(view);
    if (query === lastWritten.current) return;
    lastWritten.current = query;
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  }, [view]);

  useEffect(() => {
    const onPop = () => {
      const parsed = parseViewState(window.location.search);
      setViewState(parsed.state);
      setIssues(parsed.issues);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const setView = useCallback((update: (prev: ViewState) => ViewState) => setViewState(update), []);
  const addIssues = useCallback((more: UrlIssue[]) => {
    if (more.length > 0) setIssues((prev) => [...prev, ...more]);
  }, []);
  const dismissIssues = useCallback(() => setIssues([]), []);
  return { view, setView, issues, addIssues, dismissIssues };
}
