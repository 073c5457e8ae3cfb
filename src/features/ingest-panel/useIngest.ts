import { useCallback, useEffect, useRef, useState } from 'react';
import type { ColumnMap } from '../../core/ingest/column-map';
import {
  createIngestClient,
  type IngestBatch,
  type IngestClient,
  type IngestFailure,
  type IngestProgress,
  type LoadedSet,
  type LoadedTable,
  type SourceFile,
} from '../../worker/client';
import { rememberMap, rememberedMaps } from './column-memory';
import { droppedFiles, pickedFiles, planLoad, type PickedFile } from './plan-load';

/** What the app did with the sets of a load (useResultSets' AddOutcome). */
export interface AddOutcome {
  added: LoadedSet[];
  identical: { name: string; existing: string }[];
  renamed: { from: string; to: string }[];
}

/** A line of the load status, translated by the panel from its structure. */
export type LoadNote =
  | { kind: 'identical'; name: string; existing: string }
  | { kind: 'remembered'; file: string; set: string }
  | { kind: 'mapped'; set: string; files: number };

/** The mapping step of one set: its table files sharing one header row, to review. */
export interface MappingStep {
  set: string;
  signature: string;
  tables: LoadedTable[];
}

/**
 * Does a table file need the mapping step? A column was mapped by its values (a guess) or not
 * at all. A header that names a field by a synonym is the lab's own word for it: reported as a
 * load note, not asked about (the step still lists it when it opens for another column).
 */
export function needsMappingStep(t: LoadedTable): boolean {
  return !t.map && t.columns.some((c) => c.how === 'values' || c.how === 'unknown');
}

export interface IngestState {
  /** Progress of the request in flight, null when idle. */
  progress: IngestProgress | null;
  failures: IngestFailure[];
  /** Summary of the last successful load. */
  lastLoaded: { sets: number; records: number } | null;
  /** Notes of the last load (identical content, remembered mappings applied). */
  notes: LoadNote[];
  /** The mapping step to show now (first of the queue), or null. */
  mapping: MappingStep | null;
  loadPicked: (files: readonly PickedFile[]) => void;
  loadPaste: (text: string, setName: string) => void;
  /** Applies the user's mapping: remembered for the header row, the set re-read with it. */
  applyMapping: (step: MappingStep, map: ColumnMap) => void;
  /** Closes the mapping step keeping the inferred mapping. */
  skipMapping: (step: MappingStep) => void;
  dismissFailures: () => void;
}

export interface IngestCallbacks {
  /** New sets of a load; returns what was added (names may change, identical content is not). */
  onLoaded: (sets: LoadedSet[]) => AddOutcome;
  /** A set re-read with the user's column mapping (same name). */
  onReplace: (set: LoadedSet) => void;
  /** Names taken now (for the new sets' names). */
  taken: () => readonly string[];
  /** One set per file instead of one per folder / drop. */
  perFile: () => boolean;
}

/** How to read a loaded set again with a column map (its files, or its pasted text). */
type Reload = (
  c: IngestClient,
  map: ColumnMap,
  /** Origin paths of the files the map is for. */
  files: ReadonlySet<string>,
  /** The set's name now. */
  name: string,
) => Promise<IngestBatch>;

/**
 * Runs loads through the ingest worker and reports sets to `onLoaded`. The worker client is
 * created on first use and disposed with the component (unless one is passed in).
 */
export function useIngest(callbacks: IngestCallbacks, client?: IngestClient): IngestState {
  const own = useRef<IngestClient | null>(null);
  const [progress, setProgress] = useState<IngestProgress | null>(null);
  const [failures, setFailures] = useState<IngestFailure[]>([]);
  const [lastLoaded, setLastLoaded] = useState<{ sets: number; records: number } | null>(null);
  const [notes, setNotes] = useState<LoadNote[]>([]);
  const [queue, setQueue] = useState<MappingStep[]>([]);
  const inFlight = useRef(0);
  const cb = useRef(callbacks);
  useEffect(() => {
    cb.current = callbacks;
  }, [callbacks]);
  // How to re-read each set this panel loaded (by its final name), for the mapping step.
  const reloads = useRef(new Map<string, Reload>());

  useEffect(
    () => () => {
      own.current?.dispose();
      own.current = null;
    },
    [],
  );

  const getClient = useCallback((): IngestClient => {
    if (client) return client;
    own.current ??= createIngestClient();
    return own.current;
  }, [client]);

  const track = useCallback(<T>(work: Promise<T>, label: string): Promise<T | null> => {
    inFlight.current++;
    setProgress({ file: label, fileIndex: 0, fileCount: 1, fraction: 0, overall: 0 });
    return work
      .catch((e: unknown) => {
        setFailures((f) => [
          ...f,
          { file: label, reason: e instanceof Error ? e.message : String(e) },
        ]);
        return null;
      })
      .finally(() => {
        if (--inFlight.current === 0) setProgress(null);
      });
  }, []);

  const run = useCallback(
    (
      work: (c: IngestClient, onProgress: (p: IngestProgress) => void) => Promise<IngestBatch>,
      label: string,
      reloadOf: (set: string) => Reload,
      /** The folder a planned set was read from ('' for loose files and pastes). */
      sourceOf: (set: string) => string = () => '',
    ) => {
      void track(work(getClient(), setProgress), label).then((batch) => {
        if (!batch) return;
        if (batch.failures.length > 0) setFailures((f) => [...f, ...batch.failures]);
        const next: LoadNote[] = [];
        if (batch.sets.length > 0) {
          // A folder's set says where it came from by its folder, not a list of its many files.
          const sets = batch.sets.map((s) => {
            const from = sourceOf(s.name);
            return from ? { ...s, source: `${from}/` } : s;
          });
          const outcome = cb.current.onLoaded(sets);
          const finalName = new Map(outcome.renamed.map((r) => [r.from, r.to]));
          const added = new Set(outcome.added.map((s) => s.name));
          for (const i of outcome.identical)
            next.push({
              kind: 'identical',
              name: sourceOf(i.name) || i.name,
              existing: i.existing,
            });
          if (outcome.added.length > 0)
            setLastLoaded({
              sets: outcome.added.length,
              records: outcome.added.reduce((n, s) => n + s.records.length, 0),
            });
          for (const s of sets) {
            const name = finalName.get(s.name) ?? s.name;
            if (added.has(name)) reloads.current.set(name, reloadOf(s.name));
          }
          const steps = new Map<string, MappingStep>();
          for (const t of batch.tables ?? []) {
            const set = finalName.get(t.set) ?? t.set;
            if (!added.has(set)) continue; // identical content: nothing was added
            if (t.remembered) next.push({ kind: 'remembered', file: t.file, set });
            if (!needsMappingStep(t)) continue;
            const key = `${set}\u0000${t.signature}`;
            const step = steps.get(key);
            if (step) step.tables.push({ ...t, set });
            else steps.set(key, { set, signature: t.signature, tables: [{ ...t, set }] });
          }
          if (steps.size > 0) setQueue((q) => [...q, ...steps.values()]);
        }
        setNotes(next);
      });
    },
    [getClient, track],
  );

  const loadPicked = useCallback(
    (picked: readonly PickedFile[]) => {
      if (picked.length === 0) return;
      const plan = planLoad(picked, { perFile: cb.current.perFile(), taken: cb.current.taken() });
      if (plan.files.length === 0) return;
      const remembered = rememberedMaps();
      const bySet = new Map<string, SourceFile[]>();
      for (const f of plan.files) {
        const list = bySet.get(f.set ?? '');
        if (list) list.push(f);
        else bySet.set(f.set ?? '', [f]);
      }
      run(
        (c, p) => c.ingestFiles(plan.files, { remembered }, p),
        plan.files[0]!.name,
        (planned) => (c, map, files, name) =>
          // The set's files again under its final name, the chosen map for the reviewed files.
          c.ingestFiles(
            (bySet.get(planned) ?? []).map((f) => ({
              ...f,
              set: name,
              ...(files.has(f.name) ? { map } : {}),
            })),
            { remembered: rememberedMaps() },
          ),
        (planned) => plan.sets.find((s) => s.name === planned)?.folder ?? '',
      );
    },
    [run],
  );

  const loadPaste = useCallback(
    (text: string, setName: string) => {
      if (text.trim() === '') return;
      run(
        (c, p) => c.ingestPaste(text, { set: setName, remembered: rememberedMaps() }, p),
        'clipboard',
        () => (c, map, _files, name) => c.ingestPaste(text, { set: name, map }),
      );
    },
    [run],
  );

  const skipMapping = useCallback((step: MappingStep) => {
    setQueue((q) => q.filter((s) => s !== step));
  }, []);

  const applyMapping = useCallback(
    (step: MappingStep, map: ColumnMap) => {
      setQueue((q) => q.filter((s) => s !== step));
      rememberMap(step.signature, map);
      const reload = reloads.current.get(step.set);
      if (!reload) return;
      const files = new Set(step.tables.map((t) => t.file));
      void track(reload(getClient(), map, files, step.set), step.tables[0]?.file ?? step.set).then(
        (batch) => {
          if (!batch) return;
          if (batch.failures.length > 0) setFailures((f) => [...f, ...batch.failures]);
          const set = batch.sets[0];
          if (!set) return;
          cb.current.onReplace(set);
          setNotes([{ kind: 'mapped', set: step.set, files: step.tables.length }]);
        },
      );
    },
    [getClient, track],
  );

  const dismissFailures = useCallback(() => setFailures([]), []);
  return {
    progress,
    failures,
    lastLoaded,
    notes,
    mapping: queue[0] ?? null,
    loadPicked,
    loadPaste,
    applyMapping,
    skipMapping,
    dismissFailures,
  };
}

/** True if the event target is a place where typing/pasting has its own meaning. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Page-wide file drop and Ctrl/Cmd+V paste (outside inputs). Returns whether files are being
 * dragged over the page (to show the drop overlay).
 */
export function useGlobalDropAndPaste(
  enabled: boolean,
  onFiles: (files: PickedFile[]) => void,
  onText: (text: string) => void,
): boolean {
  const [dragging, setDragging] = useState(false);
  const handlers = useRef({ onFiles, onText });
  useEffect(() => {
    handlers.current = { onFiles, onText };
  }, [onFiles, onText]);

  useEffect(() => {
    if (!enabled) return;
    // dragenter/dragleave fire for every child element: count them to know when we really left.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      const data = e.dataTransfer;
      if (!data || data.files.length === 0) return;
      e.preventDefault(); // otherwise the browser navigates to the dropped file
      // Dropped folders are read recursively (their entries must be taken during the event).
      void droppedFiles(data).then((picked) => handlers.current.onFiles(picked));
    };
    const paste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const files = Array.from(e.clipboardData.files);
      if (files.length > 0) {
        e.preventDefault();
        handlers.current.onFiles(pickedFiles(files));
        return;
      }
      const text = e.clipboardData.getData('text/plain');
      // A table has at least a header and a row; a single word pasted by accident is ignored.
      if (text.trim().includes('\n')) {
        e.preventDefault();
        handlers.current.onText(text);
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    document.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      document.removeEventListener('paste', paste);
    };
  }, [enabled]);
  return dragging;
}
