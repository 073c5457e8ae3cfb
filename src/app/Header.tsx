import { useState } from 'react';
import type { Lang } from '../core/i18n';
import { useI18n } from '../shared/i18n/i18n';

/** Title, the link between dashboard and report, "copy link", and the EN/中文 switch. */
export function Header({
  lang,
  onLang,
  isReport,
  navigate,
  query,
}: {
  lang: Lang;
  onLang: (l: Lang) => void;
  isReport: boolean;
  navigate: (to: string) => void;
  /** The view as a query string: dashboard and report links carry it, so both stay shareable. */
  query: string;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const reportHref = `/report?${query}`;
  const dashboardHref = `/?${query}`;
  const go = (e: React.MouseEvent<HTMLAnchorElement>, to: string) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  const copy = () => {
    const url = window.location.href;
    const done = () => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    };
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, done);
    else done();
  };
  return (
    <header className="app-header">
      <h1>{t('app.title')}</h1>
      <span className="tagline">{t('app.tagline')}</span>
      {isReport ? (
        <a className="header-link" href={dashboardHref} onClick={(e) => go(e, dashboardHref)}>
          ← {t('app.dashboard')}
        </a>
      ) : (
        <>
          <button
            type="button"
            className="header-link"
            style={{ background: 'none', cursor: 'pointer' }}
            onClick={copy}
            data-testid="copy-link"
          >
            <svg
              width="14"
              height="14"
              viewBox="0 0 24 24"
              aria-hidden="true"
              style={{ verticalAlign: '-2px', marginRight: 4 }}
            >
              <path
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"
              />
            </svg>
            {t('data.copyLink')}
          </button>
          <a
            className="header-link"
            href={reportHref}
            onClick={(e) => go(e, reportHref)}
            data-testid="report-link"
          >
            {t('app.report')} →
          </a>
        </>
      )}
      <div className="lang-switch" role="group" aria-label={t('app.language')}>
        <button type="button" aria-pressed={lang === 'en'} onClick={() => onLang('en')} lang="en">
          EN
        </button>
        <button
          type="button"
          aria-pressed={lang === 'zh'}
          onClick={() => onLang('zh')}
          lang="zh-CN"
        >
          中文
        </button>
      </div>
      {copied && (
        <div className="toast" role="status">
          {t('notice.copied')}
        </div>
      )}
    </header>
  );
}
