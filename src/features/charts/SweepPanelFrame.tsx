/**
 * The frame both sweep views draw a panel in (SweepChart, DepthJobsGrid): the facet's title,
 * which PNG/SVG export keeps (`data-export-label`), and an SVG surface of the given size.
 */
import type { ReactNode } from 'react';
import type { Sweep } from '../../core/compare/sweep';
import type { I18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';
import { ChartSurface } from './ChartSurface';

/** "Workload: randread" for a faceted panel, '' when the sweep has no facet. */
export function panelTitle(i18n: I18n, s: Sweep, facet: string): string {
  return s.spec.facet === null
    ? ''
    : `${dimLabel(i18n, s.spec.facet)}: ${valueLabel(i18n, s.spec.facet, facet)}`;
}

export function SweepPanelFrame({
  testId,
  title,
  width,
  height,
  label,
  svgClass,
  children,
}: {
  testId: string;
  title: string;
  width: number;
  height: number;
  /** The SVG's accessible name. */
  label: string;
  svgClass?: string;
  children: ReactNode;
}) {
  return (
    <div className="multiple" data-testid={testId}>
      {title && (
        <div className="multiple-title" data-export-label={title}>
          {title}
        </div>
      )}
      <ChartSurface
        {...(svgClass ? { className: svgClass } : {})}
        width={width}
        height={height}
        label={label}
      >
        {children}
      </ChartSurface>
    </div>
  );
}
