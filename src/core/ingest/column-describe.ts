/**
 * The English line of a column's mapping (column-map.ts describeInference). Its own module so
 * that table.import.ts can note inferences without importing column-map.ts, which imports the
 * ingest entry points.
 */
import type { ColumnChoice, ColumnInference } from './column-map';

/** What a choice reads as in English ("aio", "extra column \"Note\"", "ignored"). */
function choiceText(c: ColumnChoice): string {
  switch (c.kind) {
    case 'field':
      return c.field;
    case 'extra':
      return `extra column "${c.name}"`;
    case 'ignore':
      return 'ignored';
  }
}

/**
 * The English line for one column's mapping, as the CLI prints it and load notes show it:
 * `column "Backend" → aio (values threads, native, io_uring)`. The UI translates from the
 * structure instead.
 */
export function describeInference(c: ColumnInference): string {
  const name = c.header === '' ? `column ${c.column + 1}` : `column "${c.header}"`;
  const how = c.how === 'explicit' ? ' (--map)' : '';
  const values = c.values.length > 0 ? ` (values ${c.values.join(', ')})` : '';
  return `${name} → ${choiceText(c.choice)}${how}${values}`;
}
