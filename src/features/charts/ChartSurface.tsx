/**
 * The SVG surface of a chart drawn by hand (sweep, percentile curve, latency over time): class
 * `recharts-surface` is what ChartCard's PNG/SVG export collects (export-chart.ts), so every
 * hand-drawn chart exports like the Recharts ones.
 */
import type { ReactNode } from 'react';

export function ChartSurface({
  width,
  height,
  label,
  className,
  testId,
  children,
}: {
  width: number;
  height: number;
  /** The SVG's accessible name (its text summary). */
  label: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <svg
      className={className ? `recharts-surface ${className}` : 'recharts-surface'}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      {...(testId ? { 'data-testid': testId } : {})}
    >
      {children}
    </svg>
  );
}
