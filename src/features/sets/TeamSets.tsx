/**
 * "Team" in the data bar: the sets on the team server that served the page (load one here) and
 * the loaded sets that are only in this browser ("Share with the team"), the write token when the
 * server asks for one, and what went wrong in words. Pure view: the app (src/app/useTeamSets)
 * talks to the server and owns the state.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n';
import type { MessageKey } from '../../shared/i18n/i18n';
import './team-sets.css';

/** Why a server call failed (the app's RemoteError kinds). */
export type TeamProblemKind =
  | 'token'
  | 'forbidden'
  | 'too-large'
  | 'rejected'
  | 'not-found'
  | 'timeout'
  | 'network'
  | 'bad-answer'
  | 'server';

export interface TeamServerSet {
  id: string;
  name: string;
  records: number;
  /** ISO 8601. */
  created: string;
  /** The name of the loaded set with this content, or null when it is not loaded here. */
  loadedAs: string | null;
  /** Loaded here but switched off in the set list. */
  hidden: boolean;
  /** Open here as a set compared on the server (its records not downloaded). */
  kept: boolean;
  /** Too large to download sensibly: comparing on the server comes first. */
  large: boolean;
}

export interface TeamLocalSet {
  name: string;
  records: number;
}

export interface TeamSetsProps {
  serverSets: readonly TeamServerSet[];
  /** Loaded sets that the server does not have. */
  localSets: readonly TeamLocalSet[];
  /** Keys of the calls running: `share:NAME`, `load:ID`. */
  busy: ReadonlySet<string>;
  /** The last failure, for the set it concerns. */
  problem: { set: string; kind: TeamProblemKind; detail: string } | null;
  /** The server refused the write for want of a token: ask for it. */
  askToken: boolean;
  hasToken: boolean;
  /** The last set shared: its name and id. */
  shared: { name: string; id: string } | null;
  /** The page's address (what a colleague opens). */
  link: string;
  onShare: (name: string) => void;
  onLoad: (id: string) => void;
  /** Opens a server set without its records: compared on the server. */
  onCompareThere: (id: string) => void;
  /** A token typed in: kept for the tab, and the refused share tried again. */
  onToken: (token: string) => void;
  onForgetToken: () => void;
}

const problemKey = (kind: TeamProblemKind): MessageKey => `team.error.${kind}`;

export function TeamSets(props: TeamSetsProps) {
  const { t, fmt, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  const [copied, setCopied] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const { serverSets, localSets, busy, problem, shared } = props;

  // Escape or a click outside closes the panel (as the set list does).
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setOpen(false);
    };
    const onDown = (e: PointerEvent) => {
      if (e.target instanceof Node && root.current?.contains(e.target)) return;
      setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [open]);
  // A failure or a share opens the panel: its message is there.
  useEffect(() => {
    if (problem || shared) setOpen(true);
  }, [problem, shared]);
  useEffect(() => setCopied(false), [props.link]);

  const date = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? iso
      : d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
        });
  };
  const records = (n: number) =>
    n === 1 ? t('sets.oneRecord') : t('data.records', { n: fmt.int(n) });

  const copy = () => {
    void navigator.clipboard?.writeText(props.link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <div className="team-sets" ref={root}>
      <button
        type="button"
        className="btn team-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        data-testid="team-button"
        title={t('team.buttonTitle')}
      >
        {t('team.button', { n: fmt.int(serverSets.length) })} {open ? '▴' : '▾'}
      </button>
      {open && (
        <div
          className="team-panel"
          role="dialog"
          aria-label={t('team.title')}
          data-testid="team-panel"
        >
          <p className="team-intro">{t('team.intro')}</p>
          {problem && (
            <p className="team-problem" role="alert" data-testid="team-problem">
              {t(problemKey(problem.kind), { set: problem.set, detail: problem.detail })}
            </p>
          )}
          {props.askToken && (
            <form
              className="team-token"
              onSubmit={(e) => {
                e.preventDefault();
                if (token.trim() !== '') props.onToken(token.trim());
                setToken('');
              }}
            >
              <strong>{t('team.tokenTitle')}</strong>
              <label>
                {t('team.tokenLabel')}{' '}
                <input
                  type="password"
                  autoComplete="off"
                  value={token}
                  onChange={(e) => setToken(e.currentTarget.value)}
                  data-testid="team-token"
                />
              </label>
              <button type="submit" className="btn btn-small btn-primary">
                {t('team.tokenSubmit')}
              </button>
              <span className="team-note">{t('team.tokenNote')}</span>
            </form>
          )}
          {shared && (
            <div className="team-shared" role="status" data-testid="team-shared">
              <p>{t('team.shared', { name: shared.name, id: shared.id })}</p>
              <div className="team-link">
                <input
                  readOnly
                  value={props.link}
                  aria-label={t('team.linkLabel')}
                  onFocus={(e) => e.currentTarget.select()}
                  data-testid="team-link"
                />
                <button type="button" className="btn btn-small" onClick={copy}>
                  {copied ? t('team.copied') : t('team.copyLink')}
                </button>
              </div>
            </div>
          )}
          <h3>{t('team.onServer')}</h3>
          {serverSets.length === 0 ? (
            <p className="team-none">{t('team.noneOnServer')}</p>
          ) : (
            <ul className="team-rows" data-testid="team-server-sets">
              {serverSets.map((s) => (
                <li key={s.id} className="team-row" data-set-id={s.id}>
                  <span className="team-name" title={`set=${s.id}`}>
                    {s.name}
                  </span>
                  <span className="team-meta">
                    {records(s.records)} · {t('team.created', { date: date(s.created) })}
                  </span>
                  {s.loadedAs !== null && (
                    <span className="pill team-here">
                      {s.kept
                        ? t('team.keptHere')
                        : s.loadedAs === s.name
                          ? t('team.shown')
                          : t('team.loadedAs', { name: s.loadedAs })}
                      {s.hidden && t('team.hiddenHere')}
                    </span>
                  )}
                  {(s.loadedAs === null || s.kept) && (
                    <span className="team-actions">
                      {s.loadedAs === null && (
                        <button
                          type="button"
                          className={`btn btn-small${s.large ? ' btn-primary' : ''}`}
                          onClick={() => props.onCompareThere(s.id)}
                          title={t('team.compareThereTitle')}
                          data-testid="team-compare-there"
                        >
                          {t('team.compareThere')}
                        </button>
                      )}
                      {/* A set compared on the server can still take its records here. */}
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={busy.has(`load:${s.id}`)}
                        onClick={() => props.onLoad(s.id)}
                        data-testid="team-load"
                      >
                        {busy.has(`load:${s.id}`) ? t('team.loading') : t('team.load')}
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('team.localOnly')}</h3>
          {localSets.length === 0 ? (
            <p className="team-none">{t('team.noneLocal')}</p>
          ) : (
            <ul className="team-rows" data-testid="team-local-sets">
              {localSets.map((s) => (
                <li key={s.name} className="team-row">
                  <span className="team-name">{s.name}</span>
                  <span className="team-meta">{records(s.records)}</span>
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    disabled={busy.has(`share:${s.name}`)}
                    onClick={() => props.onShare(s.name)}
                    data-testid="share-set"
                  >
                    {busy.has(`share:${s.name}`) ? t('team.sharing') : t('team.share')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {props.hasToken && (
            <button
              type="button"
              className="btn btn-small team-forget"
              onClick={props.onForgetToken}
            >
              {t('team.forgetToken')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
