import { useCallback, useRef, useState } from 'react';
import type { IngestClient, LoadedSet } from '../../worker/client';
import { MESSAGES, type Lang } from './messages';
import { PasteDialog } from './PasteDialog';
import { SetList } from './SetList';
import { uniqueSetName, useGlobalDropAndPaste, useIngest } from './useIngest';
import './ingest-panel.css';

/** The file picker accepts these first, but any file may be chosen: formats are detected from content. */
export const ACCEPTED_FILES = '.csv,.tsv,.txt,.json,.md,.log,.fiolog,text/*,application/json';

export interface IngestPanelProps {
  /** Sets currently loaded (owned by the app). */
  sets: readonly LoadedSet[];
  lang: Lang;
  /** New sets from files, drops or pastes (a set with an existing name replaces it). */
  onLoaded: (sets: LoadedSet[]) => void;
  onRemove: (name: string) => void;
  /** Worker client to use; default: the panel's own, disposed on unmount. */
  client?: IngestClient;
  /** Page-wide drop overlay and Ctrl/Cmd+V paste (default true). */
  global?: boolean;
}

/**
 * Loading result files into the dashboard: a file picker, a paste dialog, page-wide drop and
 * paste, a progress bar while the worker parses, and the list of loaded sets with their counts
 * and rejected rows. Mount once (e.g. in the data bar).
 */
export function IngestPanel({
  sets,
  lang,
  onLoaded,
  onRemove,
  client,
  global = true,
}: IngestPanelProps) {
  const t = MESSAGES[lang];
  const input = useRef<HTMLInputElement>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const ingest = useIngest(onLoaded, client);
  const { loadFiles, loadPaste } = ingest;
  const pasteText = useCallback(
    (text: string) =>
      loadPaste(
        text,
        uniqueSetName(
          'clipboard',
          sets.map((s) => s.name),
        ),
      ),
    [loadPaste, sets],
  );
  const dragging = useGlobalDropAndPaste(global, loadFiles, pasteText);
  const percent = ingest.progress ? Math.round(ingest.progress.overall * 100) : 0;

  return (
    <section className="ingest-panel" aria-label={t.loadedSets}>
      <div className="ingest-actions">
        <button type="button" onClick={() => input.current?.click()}>
          {t.loadFiles}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          hidden
          data-testid="ingest-file-input"
          onChange={(e) => {
            loadFiles(Array.from(e.target.files ?? []));
            e.target.value = ''; // the same file can be loaded again
          }}
        />
        <button type="button" onClick={() => setPasteOpen(true)}>
          {t.pasteTable}
        </button>
      </div>

      {ingest.progress && (
        <div className="ingest-progress">
          <progress max={1} value={ingest.progress.overall} aria-label={t.parsingLabel} />
          <span>{t.reading(ingest.progress.file, percent)}</span>
        </div>
      )}
      <p role="status" className="ingest-status">
        {ingest.lastLoaded ? t.loadedStatus(ingest.lastLoaded.sets, ingest.lastLoaded.records) : ''}
      </p>

      {ingest.failures.length > 0 && (
        <div role="alert" className="ingest-failures">
          <strong>{t.failedTitle}</strong>
          <ul>
            {ingest.failures.map((f, i) => (
              <li key={i}>
                <span className="ingest-file">{f.file}</span>: {f.reason}
              </li>
            ))}
          </ul>
          <button type="button" onClick={ingest.dismissFailures}>
            {t.dismiss}
          </button>
        </div>
      )}

      <SetList sets={sets} t={t} onRemove={onRemove} />

      <PasteDialog
        open={pasteOpen}
        t={t}
        onClose={() => setPasteOpen(false)}
        onSubmit={(text) => {
          setPasteOpen(false);
          pasteText(text);
        }}
      />
      {dragging && (
        <div className="ingest-drop-overlay" aria-hidden="true">
          <p>{t.dropHere}</p>
        </div>
      )}
    </section>
  );
}
