import { legendIcon } from './legend';
import type { LegendEntry } from './legend';

/** HTML legend above a chart; the export draws the same icons and labels (data-export-legend). */
export function ChartLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <div className="chart-legend" data-export-legend={JSON.stringify(entries)}>
      {entries.map((e) => {
        const icon = legendIcon(e);
        return (
          <span key={e.label}>
            <svg
              width={icon.width}
              height={icon.height}
              viewBox={`0 0 ${icon.width} ${icon.height}`}
              aria-hidden="true"
            >
              <path
                d={icon.d}
                fill={icon.fill}
                stroke={icon.stroke}
                strokeWidth={icon.strokeWidth}
                strokeDasharray={icon.dash}
              />
            </svg>{' '}
            {e.label}
          </span>
        );
      })}
    </div>
  );
}
