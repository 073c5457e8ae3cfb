/**
 * The charts tab (lazy chunk: Recharts loads only when this tab opens), one chart per file:
 * grouped bars per storage × medium by preallocation, sorted deltas with the threshold band,
 * IOPS vs latency with Little's law, guest vs bare metal where a host baseline exists, the
 * sweep, and the iodepth × numjobs grid. Shared parts: chart-parts.tsx, chart-style.ts.
 */
import DeltaChart from './DeltaChart';
import DepthJobsGrid from './DepthJobsGrid';
import GroupedBarsChart from './GroupedBarsChart';
import HostChart from './HostChart';
import ScatterLatencyChart from './ScatterLatencyChart';
import SweepChart from './SweepChart';
import type { ChartsProps } from './charts.types';
import './charts.css';

export type { ChartsProps };

export default function Charts(props: ChartsProps) {
  return (
    <div className="charts" data-testid="charts">
      <GroupedBarsChart {...props} />
      <DeltaChart {...props} />
      <ScatterLatencyChart {...props} />
      <HostChart {...props} />
      <SweepChart {...props} />
      <DepthJobsGrid {...props} />
    </div>
  );
}
