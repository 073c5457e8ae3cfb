import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { Lang } from '../core/policy/policy.types';
import { I18nProvider, makeTranslate } from '../shared/i18n/i18n';
import { StateView } from '../shared/ui/StateView';
import { Dashboard } from './Dashboard';
import { useResultSets } from './useResultSets';
import { useViewState } from './useViewState';
import { Header } from './Header';
import './app.css';

const LANG_KEY = 'aio-dash.lang';

function rememberedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'zh' ? v : null;
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
    () => view.lang ?? rememberedLang() ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en'),
  );
  const setLang = useCallback(
    (l: Lang) => {
      setLangState(l);
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
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = makeTranslate(lang)('app.title') + ' — ' + makeTranslate(lang)('app.tagline');
  }, [lang]);

  const isReport = path.replace(/\/+$/, '') === '/report';
  return (
    <I18nProvider lang={lang}>
      <div className="app">
        <a className="skip-link" href="#main">
          {makeTranslate(lang)('app.skip')}
        </a>
        <Header lang={lang} onLang={setLang} isReport={isReport} navigate={navigate} host={view.host} />
        {isReport ? <ReportRoute lang={lang} host={view.host} /> : <DashboardRoute view={view} setView={setView} issues={issues} addIssues={addIssues} dismissIssues={dismissIssues} />}
      </div>
    </I18nProvider>
  );
}

function DashboardRoute(props: Omit<Parameters<typeof Dashboard>[0], 'data'>) {
  const data = useResultSets();
  return <Dashboard data={data} {...props} />;
}

const ReportPage = lazy(() => import('./ReportRoute'));

function ReportRoute({ lang, host }: { lang: Lang; host: string | null }) {
  return (
    <main id="main" className="report-main" style={{ overflow: 'auto' }}>
      <Suspense fallback={<StateView kind="loading" message="…" />}>
        <ReportPage lang={lang} host={host} />
      </Suspense>
    </main>
  );
}
