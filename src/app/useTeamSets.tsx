/**
 * The team server in the dashboard (issue 13, item 2): which loaded sets the server that served
 * the page has (same sha256), sharing a set ("Share with the team"), loading a colleague's, and
 * links that carry `set=ID`. Everything goes through remote.ts; a page served without a store
 * (vite dev, static hosting) shows none of it.
 *
 * A link's `set=` ids are loaded before the data counts as ready, so that the rest of the
 * dashboard (useLinkedSets, the reconciliation of filters) sees exactly the sets the link was
 * made from; an id that is gone (in the trash, or unknown) is said in a notice. After that, the
 * link's `set=` follows the server sets shown, as `src=` follows all shown sets.
 *
 * A shared set keeps its records here; its sha256 becomes the server copy's (the contentId of
 * the canonical CSV sent), which is how it is known as a server set from then on, here and in
 * every browser that loads it.
 */
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { serializeViewState } from '../core/url-state/url-state';
import type { ViewState } from '../core/url-state/url-state.types';
import { useI18n } from '../shared/i18n/i18n';
import { Notice } from '../shared/ui/Notice';
import { createIngestClient } from '../worker/client';
import type { LoadedSet } from '../worker/loaded-set.types';
import { createRemote, remoteErrorText } from './remote';
import type { Remote, RemoteError, ServerSet } from './remote';
import type { ResultSets } from './useResultSets';
import { withSetName } from './set-ops';

const TeamSets = lazy(() =>
  import('../features/sets/TeamSets').then((m) => ({ default: m.TeamSets })),
);

/** The write token lives in this tab only (sessionStorage), never in localStorage or a link. */
const TOKEN_KEY = 'aio-dash.team-token';
const readToken = (): string | null => {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
};
const keepToken = (token: string | null) => {
  try {
    if (token === null) window.sessionStorage.removeItem(TOKEN_KEY);
    else window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Private mode: the token holds for this page only.
  }
};

/** A `set=` id of the link that could not be shown. */
interface GoneSet {
  id: string;
  /** Its name and deletion time when it is in the trash. */
  name: string | null;
  deleted: string | null;
  /** Why it could not be loaded, when it is on the server. */
  failure: string | null;
}

type Problem = { set: string; kind: RemoteError['kind']; detail: string };

/**
 * A link's server set with more records than this is compared on the server (`GET /api/cells`)
 * instead of downloaded: 1M records are ~200 MB of CSV and several seconds of parsing, where the
 * aggregates of a fleet's set are kilobytes. The Team panel offers either for any set.
 */
export const KEEP_ON_SERVER_ABOVE = 250_000;

/** A server set opened without its records: the dashboard compares it on the server. */
export function serverKeptSet(s: ServerSet): LoadedSet {
  return {
    name: s.name,
    description: '',
    source: `set=${s.id}: ${s.files.join(', ')}`,
    records: [],
    reports: [],
    loadedAt: new Date().toISOString(),
    sha256: s.sha256,
    files: s.files,
    fileSha256: [],
    server: { id: s.id, records: s.records, flagged: s.flagged },
  };
}

/** Reads server sets' records (canonical CSV) through the ingest worker, as any file is read. */
async function fetchServerSets(
  remote: Remote,
  sets: readonly ServerSet[],
): Promise<{ loaded: LoadedSet[]; failed: { set: ServerSet; reason: string }[] }> {
  const loaded: LoadedSet[] = [];
  const failed: { set: ServerSet; reason: string }[] = [];
  if (sets.length === 0) return { loaded, failed };
  const client = createIngestClient();
  try {
    for (const s of sets) {
      const csv = await remote.getRecordsCsv(s.id);
      if (!csv.ok) {
        failed.push({ set: s, reason: remoteErrorText(csv.reason) });
        continue;
      }
      const batch = await client.ingestBuffers(
        [{ name: `${s.name}.csv`, bytes: csv.value }],
        { set: s.name },
        undefined,
        { source: `set=${s.id}: ${s.files.join(', ')}`, description: '' },
      );
      const set = batch.sets[0];
      if (set) loaded.push({ ...set, sha256: s.sha256 });
      else failed.push({ set: s, reason: batch.failures[0]?.reason ?? 'no records' });
    }
  } finally {
    client.dispose();
  }
  return { loaded, failed };
}

const defaultRemote = createRemote();

export function useTeamSets(
  raw: ResultSets,
  view: ViewState,
  setView: (update: (prev: ViewState) => ViewState) => void,
  remote: Remote = defaultRemote,
): {
  data: ResultSets;
  notice: ReactNode;
  panel: ReactNode;
  /** Loads a server set's records here (a set compared on the server until now included). */
  loadRecords: (id: string) => Promise<void>;
} {
  const i18n = useI18n();
  const { t } = i18n;
  const [server, setServer] = useState<'unknown' | 'none' | 'present'>('unknown');
  const [list, setList] = useState<ServerSet[]>([]);
  // The link's set= ids, as it was opened; resolved once (loaded, or said to be gone).
  const [linkedIds] = useState<readonly string[]>(() => view.serverSets ?? []);
  const [resolved, setResolved] = useState(linkedIds.length === 0);
  const resolving = useRef(false);
  const [gone, setGone] = useState<GoneSet[]>([]);
  const [noServerLink, setNoServerLink] = useState(false);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [askToken, setAskToken] = useState(false);
  const [token, setToken] = useState<string | null>(readToken);
  const [shared, setShared] = useState<{ name: string; id: string } | null>(null);
  const pendingShare = useRef<string | null>(null);
  const { addSets, replaceSet } = raw;

  const refresh = useCallback(async (): Promise<ServerSet[] | null> => {
    const r = await remote.listSets();
    if (!r.ok) return null;
    setList(r.value);
    return r.value;
  }, [remote]);

  useEffect(() => {
    let live = true;
    void remote.listSets().then((r) => {
      if (!live) return;
      setServer(r.ok ? 'present' : 'none');
      if (r.ok) setList(r.value);
    });
    return () => {
      live = false;
    };
  }, [remote]);

  const mark = (key: string, on: boolean) =>
    setBusy((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  // The link's sets: loaded from the server before the data counts as ready.
  useEffect(() => {
    if (resolved || resolving.current || raw.status !== 'ready' || server === 'unknown') return;
    resolving.current = true;
    if (server === 'none') {
      setNoServerLink(true);
      setResolved(true);
      return;
    }
    const loadedSha = new Set(raw.sets.map((s) => s.sha256).filter((h) => h !== ''));
    const toLoad = list.filter((s) => linkedIds.includes(s.id) && !loadedSha.has(s.sha256));
    const missing = linkedIds.filter((id) => !list.some((s) => s.id === id));
    void (async () => {
      const out: GoneSet[] = [];
      if (missing.length > 0) {
        const trash = await remote.listSets({ trash: true });
        for (const id of missing) {
          const s = trash.ok ? trash.value.find((x) => x.id === id) : undefined;
          out.push({ id, name: s?.name ?? null, deleted: s?.deleted ?? null, failure: null });
        }
      }
      const kept = toLoad.filter((s) => s.records > KEEP_ON_SERVER_ABOVE);
      const fetched = await fetchServerSets(
        remote,
        toLoad.filter((s) => !kept.includes(s)),
      );
      for (const f of fetched.failed)
        out.push({ id: f.set.id, name: f.set.name, deleted: null, failure: f.reason });
      const added = [...fetched.loaded, ...kept.map(serverKeptSet)];
      if (added.length > 0) addSets(added);
      setGone(out);
      setResolved(true);
    })();
  }, [resolved, raw.status, raw.sets, server, list, linkedIds, remote, addSets]);

  // Server sets by content: a loaded set with a listed sha256 is that server set.
  const bySha = useMemo(() => new Map(list.map((s) => [s.sha256, s])), [list]);

  // After the link is resolved, its set= ids follow the server sets shown.
  useEffect(() => {
    if (!resolved || server !== 'present' || raw.status !== 'ready') return;
    const ids: string[] = [];
    for (const s of raw.sets) {
      if (view.hiddenSets.includes(s.name)) continue;
      const id = bySha.get(s.sha256)?.id;
      if (id && !ids.includes(id)) ids.push(id);
    }
    const now = view.serverSets ?? [];
    if (now.length === ids.length && now.every((id, i) => id === ids[i])) return;
    setView((prev) => {
      const { serverSets: _old, ...rest } = prev;
      return ids.length > 0 ? { ...rest, serverSets: ids } : rest;
    });
  }, [resolved, server, raw.status, raw.sets, view.hiddenSets, view.serverSets, bySha, setView]);

  const share = useCallback(
    async (name: string, withToken: string | null) => {
      const set = raw.sets.find((s) => s.name === name);
      if (!set) return;
      mark(`share:${name}`, true);
      setProblem(null);
      setShared(null);
      try {
        // The CSV writer and the hash are needed only here: their own chunk.
        const { shareContent } = await import('./share-content');
        const { csv, sha256: sha } = shareContent(set.records);
        // The same content on the server already (shared before, or by a colleague): that set.
        const current = (await refresh()) ?? list;
        const same = current.find((s) => s.sha256 === sha);
        if (same) {
          replaceSet({ ...set, sha256: same.sha256 });
          setShared({ name: same.name, id: same.id });
          return;
        }
        const r = await remote.postSet(
          set.name,
          [{ name: `${set.name}.csv`, body: csv }],
          withToken ?? undefined,
        );
        if (!r.ok) {
          if (r.reason.kind === 'token') {
            pendingShare.current = name;
            setAskToken(true);
          }
          setProblem({ set: name, kind: r.reason.kind, detail: remoteErrorText(r.reason) });
          return;
        }
        setAskToken(false);
        replaceSet({ ...set, sha256: r.value.sha256 ?? sha });
        await refresh();
        setShared({ name: r.value.name, id: r.value.id });
      } finally {
        mark(`share:${name}`, false);
      }
    },
    [raw.sets, refresh, list, remote, replaceSet],
  );

  const load = useCallback(
    async (id: string) => {
      const s = list.find((x) => x.id === id);
      if (!s) return;
      mark(`load:${id}`, true);
      setProblem(null);
      try {
        const fetched = await fetchServerSets(remote, [s]);
        // A set compared on the server until now takes its records in its place.
        const kept = raw.sets.find((l) => l.server?.id === id);
        for (const set of fetched.loaded)
          if (kept) replaceSet(withSetName(set, kept.name));
          else addSets([set]);
        const f = fetched.failed[0];
        if (f) setProblem({ set: s.name, kind: 'server', detail: f.reason });
      } finally {
        mark(`load:${id}`, false);
      }
    },
    [list, remote, addSets, raw.sets, replaceSet],
  );

  const openOnServer = useCallback(
    (id: string) => {
      const s = list.find((x) => x.id === id);
      if (s) addSets([serverKeptSet(s)]);
    },
    [list, addSets],
  );

  const onToken = useCallback(
    (tok: string) => {
      keepToken(tok);
      setToken(tok);
      setAskToken(false);
      const pending = pendingShare.current;
      pendingShare.current = null;
      if (pending) void share(pending, tok);
    },
    [share],
  );

  const data = useMemo<ResultSets>(
    () => (raw.status === 'ready' && !resolved ? { ...raw, status: 'loading' } : raw),
    [raw, resolved],
  );

  const notice = useMemo(() => {
    if (noServerLink) return <Notice title={t('team.noServer')} testId="team-gone" />;
    if (gone.length === 0) return null;
    const fmtDate = (iso: string) => iso.slice(0, 16).replace('T', ' ');
    return (
      <Notice title={t('team.gone.title')} onDismiss={() => setGone([])} testId="team-gone">
        <span> — {t('team.gone.body')}</span>
        <ul>
          {gone.map((g) => (
            <li key={g.id}>
              {g.failure !== null
                ? t('team.gone.failed', { id: g.id, name: g.name ?? g.id, reason: g.failure })
                : g.name !== null
                  ? t('team.gone.trash', {
                      id: g.id,
                      name: g.name,
                      date: fmtDate(g.deleted ?? ''),
                    })
                  : t('team.gone.unknown', { id: g.id })}
            </li>
          ))}
        </ul>
      </Notice>
    );
  }, [noServerLink, gone, t]);

  const link = `${window.location.origin}${window.location.pathname}?${serializeViewState(view)}`;
  const panel =
    server !== 'present' ? null : (
      <Suspense fallback={null}>
        <TeamSets
          serverSets={list.map((s) => {
            const here = raw.sets.find((l) => l.sha256 === s.sha256);
            return {
              id: s.id,
              name: s.name,
              records: s.records,
              created: s.created,
              loadedAs: here?.name ?? null,
              kept: here?.server !== undefined,
              large: s.records > KEEP_ON_SERVER_ABOVE,
              hidden: here !== undefined && view.hiddenSets.includes(here.name),
            };
          })}
          localSets={raw.sets
            .filter((l) => !bySha.has(l.sha256))
            .map((l) => ({ name: l.name, records: l.records.length }))}
          busy={busy}
          problem={problem}
          askToken={askToken}
          hasToken={token !== null}
          shared={shared}
          link={link}
          onShare={(name) => void share(name, token)}
          onLoad={(id) => void load(id)}
          onCompareThere={openOnServer}
          onToken={onToken}
          onForgetToken={() => {
            keepToken(null);
            setToken(null);
          }}
        />
      </Suspense>
    );

  return { data, notice, panel, loadRecords: load };
}
