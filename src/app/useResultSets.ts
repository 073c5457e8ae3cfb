import { useCallback, useEffect, useRef, useState } from 'react';
import { loadBundledSets } from '../worker/bundled-sets';
import type { IngestFailure, LoadedSet } from '../worker/client';
import type { SetStore } from './persistence';
import type { ResultRecord } from '../core/model/record.types';
import {
  addLoadedSets,
  contentIdAsync,
  mergeLoadedSets,
  renameLoadedSet,
  type AddOutcome,
  type EditRefusal,
} from './set-ops';

export type { AddOutcome, EditRefusal } from './set-ops';

// IndexedDB persistence (idb + a hand-written check) is not needed for the first paint: its own chunk.
let storePromise: Promise<SetStore> | null = null;
const getStore = (): Promise<SetStore> =>
  (storePromise ??= import('./persistence').then((m) => m.createSetStore()));

/**
 * The records of `sets` in one frozen array, in set order. Array#concat copies each set's array
 * in one step (flatMap went element by element: ≈ 100 ms per million records, in one task).
 * Frozen, so the engines' column caches trust it without copying and re-checking it.
 */
export function allRecords(
  sets: readonly { records: readonly ResultRecord[] }[],
): readonly ResultRecord[] {
  return Object.freeze(([] as ResultRecord[]).concat(...sets.map((s) => s.records)));
}

export type LoadStatus = 'loading' | 'ready' | 'error';

/** Outcome of a rename or merge: the error is shown to the user, nothing changed then. */
export type SetEdit = { ok: true; name: string } | { ok: false; reason: EditRefusal };

export interface ResultSets {
  status: LoadStatus;
  sets: LoadedSet[];
  /** Names of the sets that came from data/ (the rest were loaded by the user). */
  bundled: ReadonlySet<string>;
  failures: IngestFailure[];
  error: string | null;
  /**
   * Adds user-loaded sets and remembers them in IndexedDB. Never replaces or merges: a taken name
   * gets a suffix (`name (2)`), a set whose content equals a loaded set's is not added (listed in
   * `identical`).
   */
  addSets: (sets: LoadedSet[]) => AddOutcome;
  /** Replaces the set named `set.name` (the mapping step's re-read of a set just loaded). */
  replaceSet: (set: LoadedSet) => void;
  removeSet: (name: string) => void;
  /** Renames a user-loaded set (its records' `set` too). */
  renameSet: (from: string, to: string) => SetEdit;
  /** Merges user-loaded sets into one named `into` (their records' `set` rewritten). */
  mergeSets: (names: readonly string[], into: string) => SetEdit;
  retry: () => void;
}

/**
 * Loads the bundled sets listed in /data/manifest.json (parsed in the ingest worker) and the
 * sets the user loaded earlier (IndexedDB), once at start; then adds, renames, merges and
 * removes sets, each change saved to IndexedDB in order.
 */
export function useResultSets(): ResultSets {
  const [status, setStatus] = useState<LoadStatus>('loading');
  const [sets, setSetsState] = useState<LoadedSet[]>([]);
  const [bundled, setBundled] = useState<ReadonlySet<string>>(new Set());
  const [failures, setFailures] = useState<IngestFailure[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The current list, read synchronously by the edits (which report what they did at once).
  const current = useRef<LoadedSet[]>([]);
  const bundledRef = useRef<ReadonlySet<string>>(new Set());
  const setSets = useCallback((next: LoadedSet[]) => {
    current.current = next;
    setSetsState(next);
  }, []);
  // Saves and removals run one after the other, in the order of the edits.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const persist = useCallback((work: (store: SetStore) => Promise<unknown>) => {
    queue.current = queue.current
      .then(() => getStore())
      .then(work)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    let cancelled = false;
    const persisted = getStore()
      .then((s) => s.loadAll())
      .then((r) => (r.ok ? r.value.sets : []))
      .catch(() => [] as LoadedSet[]);
    void Promise.all([loadBundledSets(), persisted])
      .then(([batch, saved]) => {
        if (cancelled) return;
        const names = new Set(batch.sets.map((s) => s.name));
        bundledRef.current = names;
        setBundled(names);
        setSets([...batch.sets, ...saved.filter((s) => !names.has(s.name))]);
        setFailures(batch.failures);
        const manifestFailure = batch.failures.find((f) => f.file === 'data/manifest.json');
        if (manifestFailure && batch.sets.length === 0 && saved.length === 0) {
          setError(manifestFailure.reason);
          setStatus('error');
        } else setStatus('ready');
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setError(e instanceof Error ? e.message : String(e));
        setStatus('error');
      });
    return () => {
      cancelled = true;
    };
  }, [attempt, setSets]);

  const addSets = useCallback(
    (added: LoadedSet[]): AddOutcome => {
      const outcome = addLoadedSets(current.current, added);
      if (outcome.added.length === 0) return outcome;
      setSets([...current.current, ...outcome.added]);
      // A set kept on the server is not saved here: a link's set=ID opens it again.
      const saved = outcome.added.filter((s) => !s.server);
      persist((store) => Promise.all(saved.map((s) => store.save(s))));
      return outcome;
    },
    [persist, setSets],
  );

  const replaceSet = useCallback(
    (set: LoadedSet) => {
      if (!current.current.some((s) => s.name === set.name)) return;
      setSets(current.current.map((s) => (s.name === set.name ? set : s)));
      if (!set.server) persist((store) => store.save(set));
    },
    [persist, setSets],
  );

  const removeSet = useCallback(
    (name: string) => {
      setSets(current.current.filter((s) => s.name !== name));
      persist((store) => store.remove(name));
    },
    [persist, setSets],
  );

  const renameSet = useCallback(
    (from: string, to: string): SetEdit => {
      const r = renameLoadedSet(current.current, from, to, bundledRef.current);
      if (!r.ok) return r;
      const renamed = r.value;
      setSets(current.current.map((s) => (s.name === from ? renamed : s)));
      persist((store) => store.save(renamed, [from]));
      return { ok: true, name: renamed.name };
    },
    [persist, setSets],
  );

  const mergeSets = useCallback(
    (names: readonly string[], into: string): SetEdit => {
      const r = mergeLoadedSets(current.current, names, into, bundledRef.current);
      if (!r.ok) return r;
      const merged = r.value;
      const gone = new Set(names);
      // The merged set takes the place of the first of its parts.
      const at = current.current.findIndex((s) => gone.has(s.name));
      const rest = current.current.filter((s) => !gone.has(s.name));
      rest.splice(Math.min(at, rest.length), 0, merged);
      setSets(rest);
      persist((store) => store.save(merged, names));
      // The content identity of the merged set: over every file of its parts.
      if (merged.fileSha256.length === merged.files.length)
        void contentIdAsync(merged.fileSha256).then((sha256) => {
          if (!sha256 || !current.current.includes(merged)) return;
          const withId = { ...merged, sha256 };
          setSets(current.current.map((s) => (s === merged ? withId : s)));
          persist((store) => store.save(withId));
        });
      return { ok: true, name: merged.name };
    },
    [persist, setSets],
  );

  const retry = useCallback(() => {
    setStatus('loading');
    setError(null);
    setAttempt((n) => n + 1);
  }, []);

  return {
    status,
    sets,
    bundled,
    failures,
    error,
    addSets,
    replaceSet,
    removeSet,
    renameSet,
    mergeSets,
    retry,
  };
}
