/**
 * The vertical axis of the hand-drawn SVG charts (percentile curve, latency and IOPS over time,
 * sweep): a grid line across the plot and a label left of it per tick, and the axis title turned
 * at the left edge, centred on the plot's height.
 */
import type { ReactNode } from 'react';
import { AXIS_LABEL, AXIS_TICK, GRID_STROKE } from './chart-style';
import type { Scale } from './svg-scale';

export function SvgYAxis({
  ticks,
  scale,
  left,
  right,
  top,
  bottom,
  format,
  title,
  dash,
}: {
  ticks: readonly number[];
  scale: Scale;
  /** The plot's left and right edges (x) and its top and bottom (y). */
  left: number;
  right: number;
  top: number;
  bottom: number;
  format: (v: number) => string;
  title: ReactNode;
  /** strokeDasharray of the grid lines (solid when absent). */
  dash?: string;
}) {
  return (
    <>
      {ticks.map((v) => (
        <g key={v}>
          <line
            x1={left}
            x2={right}
            y1={scale(v)}
            y2={scale(v)}
            stroke={GRID_STROKE}
            strokeDasharray={dash}
          />
          <text x={left - 6} y={scale(v)} dy={3.5} textAnchor="end" {...AXIS_TICK}>
            {format(v)}
          </text>
        </g>
      ))}
      <text
        transform={`translate(14 ${(top + bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
        {...AXIS_LABEL}
      >
        {title}
      </text>
    </>
  );
}
