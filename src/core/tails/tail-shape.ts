/**
 * A record tail that came back from outside (postMessage, IndexedDB): checked against the
 * contract (typed arrays, equal lengths) before charts trust it, and its percentile ranks
 * re-shared — structured clone copies the shared FIO_DEFAULT_RANKS once per message or stored
 * set, and re-sharing brings that back to one array for all.
 */
import type { PercentileCurve, RecordTail, TimeSeries } from '../model/tail.types';
import { shareRanks } from './percentiles';

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const f64 = (v: unknown): v is Float64Array => v instanceof Float64Array;

function checkCurve(v: unknown): PercentileCurve | null {
  if (!isObj(v) || !f64(v['ranks']) || !f64(v['valuesUs'])) return null;
  if (v['ranks'].length !== v['valuesUs'].length) return null;
  if (v['source'] !== 'fio-percentiles' && v['source'] !== 'fio-bins') return null;
  const ranks = shareRanks(v['ranks']);
  const curve = v as unknown as PercentileCurve;
  return ranks === curve.ranks ? curve : { ...curve, ranks };
}

function checkSeries(v: unknown): v is TimeSeries {
  return (
    isObj(v) &&
    f64(v['tMs']) &&
    f64(v['values']) &&
    v['ddir'] instanceof Uint8Array &&
    v['tMs'].length === v['values'].length &&
    v['tMs'].length === v['ddir'].length &&
    typeof v['kind'] === 'string' &&
    typeof v['file'] === 'string'
  );
}

/** The tail if it keeps the contract (ranks shared), else null. */
export function checkTail(v: unknown): RecordTail | null {
  if (!isObj(v) || !Array.isArray(v['series']) || !v['series'].every(checkSeries)) return null;
  const tail = v as unknown as RecordTail;
  if (v['curve'] !== undefined) {
    const curve = checkCurve(v['curve']);
    if (!curve) return null;
    if (curve !== tail.curve) return { ...tail, curve };
  }
  const h = v['histogram'];
  if (h !== undefined && !(isObj(h) && f64(h['upperUs']) && f64(h['counts']))) return null;
  return tail;
}
