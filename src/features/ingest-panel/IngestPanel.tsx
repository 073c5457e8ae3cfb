import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { uniqueSetName } from '../../core/sets/sets';
import { useI18n } from '../../shared/i18n/i18n';
import type { IngestClient, LoadedSet } from '../../worker/client';
import { MappingDialog } from './MappingDialog';
import { PasteDialog } from './PasteDialog';
import { pickedFiles } from './plan-load';
import { useGlobalDropAndPaste, useIngest, type AddOutcome, type LoadNote } from './useIngest';
import './ingest-panel.css';

/** The file picker accepts these first, but any file may be chosen: formats are detected from content. */
export const ACCEPTED_FILES = '.csv,.tsv,.txt,.json,.md,.log,.fiolog,text/*,application/json';

const PER_FILE_KEY = 'aio-dash.set-per-file';

export interface IngestPanelProps {
  /** Sets currently loaded (owned by the app). */
  sets: readonly LoadedSet[];
  /**
   * New sets from files, drops or pastes. The app adds them without replacing anything and says
   * what it did (names made unique, identical content not added).
   */
  onLoaded: (sets: LoadedSet[]) => AddOutcome;
  /** A set just loaded, read again with the user's column mapping (same name). */
  onReplace: (set: LoadedSet) => void;
  /** Worker client to use; default: the panel's own, disposed on unmount. */
  client?: IngestClient;
  /** Page-wide drop overlay and Ctrl/Cmd+V paste (default true). */
  global?: boolean;
}

function rememberedPerFile(): boolean {
  try {
    return localStorage.getItem(PER_FILE_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Loading result files into the dashboard: a files picker and a folder picker (one action = one
 * load: one set per folder, loose files one set, or one set per file when chosen), a paste
 * dialog, page-wide drop of files and folders and paste, a progress bar while the worker parses,
 * what the load did (identical content, remembered column mappings) and the column mapping step
 * for table files whose columns were guessed.
 */
export function IngestPanel({
  sets,
  onLoaded,
  onReplace,
  client,
  global = true,
}: IngestPanelProps) {
  const { t } = useI18n();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [perFile, setPerFile] = useState(rememberedPerFile);
  const names = useMemo(() => sets.map((s) => s.name), [sets]);
  const namesRef = useRef(names);
  const perFileRef = useRef(perFile);
  useEffect(() => {
    namesRef.current = names;
    perFileRef.current = perFile;
  }, [names, perFile]);
  const callbacks = useMemo(
    () => ({
      onLoaded,
      onReplace,
      taken: () => namesRef.current,
      perFile: () => perFileRef.current,
    }),
    [onLoaded, onReplace],
  );
  const ingest = useIngest(callbacks, client);
  const { loadPicked, loadPaste } = ingest;
  const pasteText = useCallback(
    (text: string) => loadPaste(text, uniqueSetName('clipboard', names)),
    [loadPaste, names],
  );
  const dragging = useGlobalDropAndPaste(global, loadPicked, pasteText);
  const percent = ingest.progress ? Math.round(ingest.progress.overall * 100) : 0;

  // Counts as plain digits (no grouping): "Loaded 1 set (100000 records)".
  const loadedText = (l: { sets: number; records: number }): string =>
    t('ingest.loaded', {
      sets: l.sets === 1 ? t('sets.countOne') : t('sets.count', { n: l.sets }),
      records: l.records === 1 ? t('sets.oneRecord') : t('data.records', { n: l.records }),
    });
  const noteText = (n: LoadNote): string =>
    n.kind === 'identical'
      ? t('sets.identical', { name: n.name, existing: n.existing })
      : n.kind === 'remembered'
        ? t('sets.remembered', { file: n.file, set: n.set })
        : t('sets.mapped', { set: n.set });

  return (
    <section className="ingest-panel" aria-label={t('ingest.region')}>
      <div className="ingest-actions">
        <button type="button" onClick={() => filesInput.current?.click()}>
          {t('ingest.loadFiles')}
        </button>
        <input
          ref={filesInput}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          hidden
          data-testid="ingest-file-input"
          onChange={(e) => {
            loadPicked(pickedFiles(Array.from(e.target.files ?? [])));
            e.target.value = ''; // the same file can be loaded again
          }}
        />
        <button type="button" onClick={() => folderInput.current?.click()}>
          {t('sets.loadFolder')}
        </button>
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          data-testid="ingest-folder-input"
          // A folder picker: every file under the chosen folder, with its relative path.
          {...{ webkitdirectory: '' }}
          onChange={(e) => {
            loadPicked(pickedFiles(Array.from(e.target.files ?? [])));
            e.target.value = '';
          }}
        />
        <button type="button" onClick={() => setPasteOpen(true)}>
          {t('ingest.pasteTable')}
        </button>
        <label className="ingest-per-file" title={t('sets.perFileHint')}>
          <input
            type="checkbox"
            checked={perFile}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setPerFile(on);
              try {
                localStorage.setItem(PER_FILE_KEY, on ? '1' : '0');
              } catch {
                // Private mode: the choice holds for this page.
              }
            }}
          />
          {t('sets.perFile')}
        </label>
      </div>

      {ingest.progress && (
        <div className="ingest-progress">
          <progress max={1} value={ingest.progress.overall} aria-label={t('ingest.parsingLabel')} />
          <span>{t('ingest.reading', { file: ingest.progress.file, percent })}</span>
        </div>
      )}
      <p
        role="status"
        className="ingest-status"
        title={[
          ingest.lastLoaded ? loadedText(ingest.lastLoaded) : '',
          ...ingest.notes.map(noteText),
        ]
          .join(' ')
          .trim()}
      >
        {ingest.lastLoaded ? loadedText(ingest.lastLoaded) : ''}
        {ingest.notes.map((n, i) => (
          <span key={i} className={`ingest-note note-${n.kind}`} data-testid={`load-${n.kind}`}>
            {' '}
            {noteText(n)}
          </span>
        ))}
      </p>

      {ingest.failures.length > 0 && (
        <div role="alert" className="ingest-failures">
          <strong>{t('ingest.failedTitle')}</strong>
          <ul>
            {ingest.failures.map((f, i) => (
              <li key={i}>
                <span className="ingest-file">{f.file}</span>: {f.reason}
              </li>
            ))}
          </ul>
          <button type="button" onClick={ingest.dismissFailures}>
            {t('ingest.dismiss')}
          </button>
        </div>
      )}

      <PasteDialog
        open={pasteOpen}
        onClose={() => setPasteOpen(false)}
        onSubmit={(text) => {
          setPasteOpen(false);
          pasteText(text);
        }}
      />
      {ingest.mapping && (
        <MappingDialog
          key={`${ingest.mapping.set}\u0000${ingest.mapping.signature}`}
          step={ingest.mapping}
          onApply={(map) => ingest.applyMapping(ingest.mapping!, map)}
          onSkip={() => ingest.skipMapping(ingest.mapping!)}
        />
      )}
      {dragging && (
        <div className="ingest-drop-overlay" aria-hidden="true">
          <p>{t('ingest.dropHere')}</p>
        </div>
      )}
    </section>
  );
}
