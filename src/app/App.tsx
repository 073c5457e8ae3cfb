import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { parseLang } from '../core/i18n';
import type { Lang } from '../core/i18n';
import { HTML_LANG } from '../shared/format';
import { I18nProvider, loadMessages, makeTranslate, messagesLoaded } from '../shared/i18n/i18n';
import { StateView } from '../shared/ui/StateView';
import { Dashboard } from './Dashboard';
import { useResultSets } from './useResultSets';
import { useTeamSets } from './useTeamSets';
import { useViewState } from './useViewState';
import { serializeViewState } from '../core/url-state/url-state';
import { Header } from './Header';
import './app.css';

const LANG_KEY = 'aio-dash.lang';

function rememberedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return parseLang(v);
  } catch {
    return null;
  }
}

/** Path-based routing without a router: "/" is the dashboard, "/report" the policy report. */
function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    setPath(new URL(to, window.location.href).pathname);
    window.scrollTo(0, 0);
  }, []);
  return [path, navigate];
}

export function App() {
  const { view, setView, issues, addIssues, dismissIssues } = useViewState();
  const [path, navigate] = usePath();
  // Language: the link's choice, else the remembered one, else the browser's.
  const [lang, setLangState] = useState<Lang>(
    () =>
      view.lang ??
      rememberedLang() ??
      (navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en'),
  );
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (!messagesLoaded(lang)) void loadMessages(lang).then(() => setLoaded((n) => n + 1));
  }, [lang]);
  const setLang = useCallback(
    (l: Lang) => {
      // Switch once the language's messages are there (no half-translated frame).
      void loadMessages(l).then(() => setLangState(l));
      try {
        window.localStorage.setItem(LANG_KEY, l);
      } catch {
        // Private mode: the choice still holds for this page and its links.
      }
      setView((prev) => ({ ...prev, lang: l }));
    },
    [setView],
  );
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = makeTranslate(lang)('app.title') + ' — ' + makeTranslate(lang)('app.tagline');
  }, [lang]);

  // One data load for both routes: switching between dashboard and report keeps the sets.
  const loaded = useResultSets();
  // The team server's sets (links with set=ID load theirs before the data counts as ready).
  const team = useTeamSets(loaded, view, setView);
  const data = team.data;
  // A Chinese start waits for its messages (one small chunk) instead of flashing English.
  if (!messagesLoaded(lang)) return null;
  const isReport = path.replace(/\/+$/, '') === '/report';
  return (
    <I18nProvider lang={lang}>
      <div className="app">
        <a className="skip-link" href="#main">
          {makeTranslate(lang)('app.skip')}
        </a>
        <Header
          lang={lang}
          onLang={setLang}
          isReport={isReport}
          navigate={navigate}
          query={serializeViewState({ ...view, lang: view.lang ?? lang })}
        />
        {isReport ? (
          <main id="main" className="report-main" style={{ overflow: 'auto' }}>
            <Suspense
              fallback={<StateView kind="loading" message={makeTranslate(lang)('state.loading')} />}
            >
              <ReportRoute
                lang={lang}
                host={view.host}
                data={data}
                hiddenSets={view.hiddenSets}
                excludeFlagged={view.excludeFlagged}
                loadRecords={team.loadRecords}
              />
            </Suspense>
          </main>
        ) : (
          <>
            {team.notice}
            <Dashboard
              data={data}
              view={view}
              setView={setView}
              issues={issues}
              addIssues={addIssues}
              dismissIssues={dismissIssues}
              teamSlot={team.panel}
            />
          </>
        )}
      </div>
    </I18nProvider>
  );
}

const ReportRoute = lazy(() => import('./ReportRoute'));
