/** English sentences of the axis hints (the CLI's stderr); the UI translates its own. */
import type { Dimension } from '../model/record.types';
import type { AxisFix, AxisHint } from './axis-hints.types';

/** English names of the fields, for describeHint() (the UI has its own, translated). */
const EN_DIM: Readonly<Record<string, string>> = {
  set: 'result set',
  storage: 'storage',
  source: 'source',
  fs: 'host filesystem',
  medium: 'medium',
  format: 'format',
  prealloc: 'preallocation',
  cache: 'cache',
  aio: 'aio mode',
  bus: 'bus',
  iothread: 'IOThread',
  prewritten: 'pre-written',
  vms: 'VMs',
  layer: 'layer',
  rw: 'workload',
  bs: 'block size',
  iodepth: 'iodepth',
  numjobs: 'numjobs',
  ioengine: 'fio engine',
};

/** English name of a dimension (`x:Backend` → `Backend`). */
export function dimensionName(d: Dimension): string {
  return d.startsWith('x:') ? d.slice(2) : (EN_DIM[d] ?? d);
}

const fixText = (f: AxisFix): string =>
  f.axis === 'set'
    ? `compare set ${f.baseline} vs set ${f.candidate}`
    : `compare along ${dimensionName(f.axis)} (${f.baseline} vs ${f.candidate})${f.poolSets ? ', pooling result sets' : ''}`;

const pairsText = (n: number) => `${n} pair${n === 1 ? '' : 's'}`;

/**
 * One English line for a hint (the CLI's stderr), e.g. "aio mode is empty in your files; fio
 * engine has libaio, io_uring, psync — compare along fio engine (libaio vs io_uring, 4 pairs)".
 */
export function describeHint(h: AxisHint): string {
  switch (h.kind) {
    case 'axis-empty': {
      const name = dimensionName(h.axis);
      const cause =
        h.present.length === 0
          ? `${name} is empty in your files`
          : `${name} has only ${h.present[0]} in your files`;
      if (!h.fix) {
        const alts = h.alternatives.map((a) => dimensionName(a.axis));
        return alts.length > 0
          ? `${cause}; no other field pairs records (fields with several values: ${alts.join(', ')})`
          : `${cause}; no other field has two values`;
      }
      const fix = h.fix;
      const alt = h.alternatives.find((a) => a.axis === fix.axis);
      const pairs = pairsText(h.pairs ?? 0);
      if (fix.axis === 'set')
        return `${cause}; the sets ${fix.baseline} and ${fix.candidate} have the same environment otherwise — compare set ${fix.baseline} vs set ${fix.candidate} (${pairs})`;
      const has = alt ? `${dimensionName(fix.axis)} has ${alt.values.join(', ')}` : '';
      return `${cause}; ${has} — compare along ${dimensionName(fix.axis)} (${fix.baseline} vs ${fix.candidate}, ${pairs}${fix.poolSets ? ', pooling result sets' : ''})`;
    }
    case 'values-absent': {
      const name = dimensionName(h.axis);
      const cause = `${h.missing.join(' and ')} ${h.missing.length > 1 ? 'are' : 'is'} not in your files (${name} has ${h.present.join(', ')})`;
      return h.fix
        ? `${cause} — compare ${h.fix.baseline} vs ${h.fix.candidate} (${pairsText(h.pairs ?? 0)}${h.fix.poolSets ? ', pooling result sets' : ''})`
        : `${cause}; no two of them pair`;
    }
    case 'pool-sets':
      return h.current
        ? `these sets pair ${pairsText(h.pairs)} when pooled instead of ${h.current} — pool them`
        : `these sets pair only when pooled — pool them (${pairsText(h.pairs)})`;
    case 'compare-sets':
      return `the sets ${h.sets[0]} and ${h.sets[1]} have the same environment otherwise — compare set ${h.sets[0]} vs set ${h.sets[1]} (${pairsText(h.pairs)})`;
    case 'no-pairs':
      return `nothing pairs: ${h.reason}`;
  }
}

/** The fix as a sentence ("compare along fio engine (libaio vs io_uring)"). */
export function describeFix(f: AxisFix): string {
  return fixText(f);
}
