/** The key-evidence chart of one matrix cell: IOPS change per comparison as plain SVG bars. */
import { useId } from 'react';
import type { Lang } from '../../core/policy/policy.types';
import type { EvidenceGroup } from './report-model';
import { reportText } from './report-text';

const ROW = 18;
const LABEL_W = 250;
const PLOT_X = 258;
const PLOT_W = 250;
const WIDTH = 600;

const fmt = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}%`;

/**
 * Horizontal bars of IOPS change per comparison, drawn as plain SVG (prints crisply, no chart
 * library in the report chunk). The scale is symmetric around 0 and shared by the group.
 */
export function EvidenceBars({ group, lang }: { group: EvidenceGroup; lang: Lang }) {
  const id = useId().replace(/:/g, '');
  const text = reportText(lang);
  const bars = group.bars;
  const max = Math.max(10, Math.ceil(Math.max(...bars.map((b) => Math.abs(b.pct))) / 10) * 10);
  const zero = PLOT_X + PLOT_W / 2;
  const x = (pct: number) => zero + (pct / max) * (PLOT_W / 2);
  const height = bars.length * ROW + 22;
  return (
    <svg
      className="evidence-bars"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={`${group.row.storage} ${group.row.medium} ${group.row.prealloc}: ${bars.map((b) => `${text.barLabel(b)} ${fmt(b.pct)}`).join('; ')}`}
    >
      <defs>
        <pattern
          id={`hatch-${id}`}
          width="4"
          height="4"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="4" height="4" fill="currentColor" opacity="0.35" />
          <line x1="0" y1="0" x2="0" y2="4" stroke="currentColor" strokeWidth="2" />
        </pattern>
      </defs>
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const x0 = Math.min(zero, x(b.pct));
        const w = Math.max(1, Math.abs(x(b.pct) - zero));
        const cls =
          b.verdict === 'improvement'
            ? 'bar-better'
            : b.verdict === 'regression'
              ? 'bar-worse'
              : 'bar-same';
        return (
          <g key={i} className={cls}>
            <text x={LABEL_W} y={y + 11} textAnchor="end" className="bar-label">
              {text.barLabel(b)}
              {b.pair !== 'threads→native' ? ` (${b.pair})` : ''}
            </text>
            <rect
              x={x0}
              y={y + 2}
              width={w}
              height={ROW - 6}
              fill={b.firstWrite ? `url(#hatch-${id})` : 'currentColor'}
            >
              <title>{`${text.barLabel(b)}: ${fmt(b.pct)}${b.firstWrite ? ` · ${text.t('report.firstWrite')}` : ''}${b.singleRun ? ` · ${text.t('report.singleRun')}` : ''}`}</title>
            </rect>
            <text x={PLOT_X + PLOT_W + 8} y={y + 11} className="bar-value">
              {fmt(b.pct)}
            </text>
          </g>
        );
      })}
      <line x1={zero} x2={zero} y1={0} y2={bars.length * ROW + 4} className="bar-axis" />
      <text x={PLOT_X} y={height - 4} className="bar-tick">{`−${max}%`}</text>
      <text x={zero} y={height - 4} textAnchor="middle" className="bar-tick">
        0
      </text>
      <text
        x={PLOT_X + PLOT_W}
        y={height - 4}
        textAnchor="end"
        className="bar-tick"
      >{`+${max}%`}</text>
    </svg>
  );
}
