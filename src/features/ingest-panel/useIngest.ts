import { useCallback, useEffect, useRef, useState } from 'react';
import {
  createIngestClient,
  type IngestBatch,
  type IngestClient,
  type IngestFailure,
  type IngestProgress,
  type LoadedSet,
} from '../../worker/client';

export interface IngestState {
  /** Progress of the request in flight, null when idle. */
  progress: IngestProgress | null;
  failures: IngestFailure[];
  /** Summary of the last successful load. */
  lastLoaded: { sets: number; records: number } | null;
  loadFiles: (files: readonly File[]) => void;
  loadPaste: (text: string, setName: string) => void;
  dismissFailures: () => void;
}

/**
 * Runs loads through the ingest worker and reports sets to `onLoaded`. The worker client is
 * created on first use and disposed with the component (unless one is passed in).
 */
export function useIngest(
  onLoaded: (sets: LoadedSet[]) => void,
  client?: IngestClient,
): IngestState {
  const own = useRef<IngestClient | null>(null);
  const [progress, setProgress] = useState<IngestProgress | null>(null);
  const [failures, setFailures] = useState<IngestFailure[]>([]);
  const [lastLoaded, setLastLoaded] = useState<{ sets: number; records: number } | null>(null);
  const inFlight = useRef(0);
  const onLoadedRef = useRef(onLoaded);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
  }, [onLoaded]);

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

  const run = useCallback(
    (
      work: (c: IngestClient, onProgress: (p: IngestProgress) => void) => Promise<IngestBatch>,
      label: string,
    ) => {
      inFlight.current++;
      setProgress({ file: label, fileIndex: 0, fileCount: 1, fraction: 0, overall: 0 });
      work(getClient(), setProgress)
        .then((batch) => {
          if (batch.failures.length > 0) setFailures((f) => [...f, ...batch.failures]);
          if (batch.sets.length > 0) {
            setLastLoaded({
              sets: batch.sets.length,
              records: batch.sets.reduce((n, s) => n + s.records.length, 0),
            });
            onLoadedRef.current(batch.sets);
          }
        })
        .catch((e: unknown) => {
          setFailures((f) => [
            ...f,
            { file: label, reason: e instanceof Error ? e.message : String(e) },
          ]);
        })
        .finally(() => {
          if (--inFlight.current === 0) setProgress(null);
        });
    },
    [getClient],
  );

  const loadFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      run((c, p) => c.ingestFiles(files, {}, p), files[0]!.name);
    },
    [run],
  );
  const loadPaste = useCallback(
    (text: string, setName: string) => {
      if (text.trim() === '') return;
      run((c, p) => c.ingestPaste(text, { set: setName }, p), 'clipboard');
    },
    [run],
  );
  const dismissFailures = useCallback(() => setFailures([]), []);
  return { progress, failures, lastLoaded, loadFiles, loadPaste, dismissFailures };
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
  onFiles: (files: File[]) => void,
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
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      e.preventDefault(); // otherwise the browser navigates to the dropped file
      handlers.current.onFiles(files);
    };
    const paste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const files = Array.from(e.clipboardData.files);
      if (files.length > 0) {
        e.preventDefault();
        handlers.current.onFiles(files);
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

/** "clipboard", or "clipboard-2", "clipboard-3"… not yet taken by a loaded set. */
export function uniqueSetName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}-${i}`)) return `${base}-${i}`;
}
