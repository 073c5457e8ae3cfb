import type { SortDirection } from '@tanstack/react-table';

/** The `aria-sort` of a sortable column header, from the column's `getIsSorted()`. */
export function ariaSort(dir: false | SortDirection): 'ascending' | 'descending' | 'none' {
  return dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';
}

/** The header's visible sort mark (aria-hidden: `aria-sort` says it): '' when unsorted. */
export function sortMark(dir: false | SortDirection): '▲' | '▼' | '' {
  return dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '';
}
