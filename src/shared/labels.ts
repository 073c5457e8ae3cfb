/**
 * Display labels of dimensions and their values in the UI language. Data values (LocalStorage,
 * virtio-blk…) stay as written; only vocabulary the product defines is translated.
 */
import type { Dimension, DimensionValue } from '../core/model/record.types';
import type { I18n } from './i18n/i18n';

export function dimLabel(i18n: I18n, dim: Dimension): string {
  if (dim.startsWith('x:')) return dim.slice(2);
  const key = `dim.${dim}`;
  return i18n.has(key) ? i18n.t(key) : dim;
}

export function valueLabel(i18n: I18n, dim: Dimension, value: DimensionValue): string {
  if (value === '') return i18n.t('value.missing');
  switch (dim) {
    case 'prewritten':
    case 'iothread': {
      const key = `value.${dim}.${value}`;
      return i18n.has(key) ? i18n.t(key) : value;
    }
    case 'vms': {
      const n = Number(value);
      return Number.isFinite(n) ? i18n.t(n === 1 ? 'value.vms' : 'value.vmsPlural', { n }) : value;
    }
    case 'bs': {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) return value;
      if (n % 1048576 === 0) return `${n / 1048576} MiB`;
      if (n % 1024 === 0) return `${n / 1024} KiB`;
      return `${n} B`;
    }
    default:
      return value;
  }
}

/** "LocalStorage · SSD · off" */
export function tupleLabel(
  i18n: I18n,
  dims: readonly Dimension[],
  values: readonly DimensionValue[],
): string {
  return dims.map((d, i) => valueLabel(i18n, d, values[i] ?? '')).join(' · ');
}
