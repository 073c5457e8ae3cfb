import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n';

interface PasteDialogProps {
  open: boolean;
  onClose: () => void;
  onSubmit: (text: string) => void;
}

/** Modal dialog with a textarea for a wiki table or spreadsheet selection. */
export function PasteDialog({ open, onClose, onSubmit }: PasteDialogProps) {
  const { t } = useI18n();
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
        <h2 id={titleId}>{t('ingest.pasteTitle')}</h2>
        <p id={hintId}>{t('ingest.pasteHint')}</p>
        <label>
          {t('ingest.pasteLabel')}
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
            {t('ingest.cancel')}
          </button>
          <button type="submit" disabled={text.trim() === ''}>
            {t('ingest.pasteLoad')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
