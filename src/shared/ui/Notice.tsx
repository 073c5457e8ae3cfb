import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/** A dismissible notice bar (warning or error); role=status/alert so screen readers announce it. */
export function Notice({
  title,
  children,
  tone = 'warning',
  onDismiss,
  testId,
}: {
  title: string;
  children?: ReactNode;
  tone?: 'warning' | 'error';
  onDismiss?: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <div
      className={`notice${tone === 'error' ? ' error' : ''}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <div className="notice-body">
        <strong>{title}</strong>
        {children}
      </div>
      {onDismiss && (
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          {t('notice.dismiss')}
        </button>
      )}
    </div>
  );
}
