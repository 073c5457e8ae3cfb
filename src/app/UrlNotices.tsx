/** The notices over the dashboard about a link: ignored parameters, and an invalid host profile. */
import type { UrlIssue } from '../core/url-state/url-state.types';
import { useI18n } from '../shared/i18n/i18n';
import { Notice } from '../shared/ui/Notice';

/** At most this many ignored parameters are listed (a tampered link can hold many). */
const MAX_LISTED = 6;
const MAX_VALUE_CHARS = 60;

export function UrlNotices({
  issues,
  onDismissIssues,
  hostError,
  onDismissHostError,
}: {
  issues: readonly UrlIssue[];
  onDismissIssues: () => void;
  hostError: string | null;
  onDismissHostError: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {issues.length > 0 && (
        <Notice title={t('notice.urlTitle')} onDismiss={onDismissIssues} testId="url-notice">
          <span> — {t('notice.urlBody')}</span>
          <ul>
            {issues.slice(0, MAX_LISTED).map((iss, k) => (
              <li key={k}>
                <code>
                  {iss.param}=
                  {iss.value.length > MAX_VALUE_CHARS
                    ? `${iss.value.slice(0, MAX_VALUE_CHARS)}…`
                    : iss.value}
                </code>{' '}
                — {t(`notice.code.${iss.code}`)}
              </li>
            ))}
            {issues.length > MAX_LISTED && <li>…</li>}
          </ul>
        </Notice>
      )}
      {hostError && (
        <Notice title={t('notice.urlTitle')} onDismiss={onDismissHostError} testId="host-notice">
          <span> — {t('notice.host', { reason: hostError })}</span>
        </Notice>
      )}
    </>
  );
}
