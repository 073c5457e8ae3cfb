import { useCallback, useEffect, useState } from 'react';
import { loadBundledSets } from '../worker/client';
import type { IngestFailure, LoadedSet } from '../worker/client';
import type { SetStore } from './persistence';
import type { ResultRecord } from '../core/model/record.types';

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

export interface ResultSets {
  status: LoadStatus;
  sets: LoadedSet[];
  /** Names of the sets that came from data/ (the rest were loaded by the user). */
  bundled: ReadonlySet<string>;
  failures: IngestFailure[];
  error: string | null;
  /** Adds (or replaces, by name) user-loaded sets and remembers them in IndexedDB. */
  addSets: (sets: LoadedSet[]) => void;
  removeSet: (name: string) => void;
  retry: () => void;
}

/**
 * Loads the bundled sets listed in /data/manifest.json (parsed in the ingest worker) and the
 * sets the user loaded earlier (IndexedDB), once at start.
 */
export function useResultSets(): ResultSets {
  const [status, setStatus] = useState<LoadStatus>('loading');
  const [sets, setSets] = useState<LoadedSet[]>([]);
  const [bundled, setBundled] = useState<ReadonlySet<string>>(new Set());
  const [failures, setFailures] = useState<IngestFailure[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

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
  }, [attempt]);

  const addSets = useCallback((added: LoadedSet[]) => {
    if (added.length === 0) return;
    const names = new Set(added.map((s) => s.name));
    setSets((prev) => [...prev.filter((s) => !names.has(s.name)), ...added]);
    void getStore().then((store) => Promise.all(added.map((s) => store.save(s))));
  }, []);

  const removeSet = useCallback((name: string) => {
    setSets((prev) => prev.filter((s) => s.name !== name));
    void getStore().then((store) => store.remove(name));
  }, []);

  const retry = useCallback(() => {
    setStatus('loading');
    setError(null);
    setAttempt((n) => n + 1);
  }, []);

  return { status, sets, bundled, failures, error, addSets, removeSet, retry };
}
