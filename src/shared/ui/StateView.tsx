import type { ReactNode } from 'react';

/** Designed empty / loading / error state that fills its container (no layout shift later). */
export function StateView({
  kind,
  message,
  action,
}: {
  kind: 'loading' | 'empty' | 'error';
  message: string;
  action?: ReactNode;
}) {
  const icon = kind === 'loading' ? '⏳' : kind === 'error' ? '⚠' : '∅';
  return (
    <div
      className="state"
      role={kind === 'error' ? 'alert' : 'status'}
      aria-busy={kind === 'loading'}
      data-state={kind}
    >
      <span className="state-icon" aria-hidden="true">
        {icon}
      </span>
      <p>{message}</p>
      {action}
    </div>
  );
}

/** Grey placeholder rows shaped like the content that will replace them. */
export function Skeleton({ rows = 8, height = 28 }: { rows?: number; height?: number }) {
  return (
    <div aria-hidden="true" style={{ padding: 16, display: 'grid', gap: 8 }}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ height, width: `${100 - (i % 3) * 12}%` }} />
      ))}
    </div>
  );
}
