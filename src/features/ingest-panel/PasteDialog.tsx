import { useEffect, useId, useRef, useState } from 'react';
import type { IngestMessages } from './messages';

interface PasteDialogProps {
  open: boolean;
  t: IngestMessages;
  onClose: () => void;
  onSubmit: (text: string) => void;
}

/** Modal dialog with a textarea for a wiki table or spreadsheet selection. */
export function PasteDialog({ open, t, onClose, onSubmit }: PasteDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const titleId = useId();
  const hintId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="ingest-paste-dialog"
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onClose={onClose}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(text);
          setText('');
        }}
      >
        <h2 id={titleId}>{t.pasteTitle}</h2>
        <p id={hintId}>{t.pasteHint}</p>
        <label>
          {t.pasteLabel}
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={12}
            cols={80}
            spellCheck={false}
            autoFocus
          />
        </label>
        <div className="ingest-dialog-buttons">
          <button type="button" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" disabled={text.trim() === ''}>
            {t.pasteLoad}
          </button>
        </div>
      </form>
    </dialog>
  );
}
