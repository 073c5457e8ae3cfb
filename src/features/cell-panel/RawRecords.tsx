/** The side panel's raw records table: the selected cells' records as loaded, flags included. */
import type { Dimension, ResultRecord } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';

const RAW_COLUMNS = [
  'origin',
  'aio',
  'iops',
  'iops_total',
  'lat_mean_us',
  'lat_p99_us',
  'bw_kib_s',
  'flags',
] as const;

export function RawRecords({ records, axis }: { records: ResultRecord[]; axis: Dimension }) {
  const { fmt, t } = useI18n();
  const cols =
    axis === 'aio' ? RAW_COLUMNS : (['origin', axis, ...RAW_COLUMNS.slice(2)] as string[]);
  return (
    <div className="raw-scroll">
      <table className="raw-table" data-testid="raw-records">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((r, i) => (
            <tr key={`${r.origin}-${i}`} className={r.flags.length > 0 ? 'flagged' : undefined}>
              {cols.map((c) => {
                if (c === 'flags')
                  return (
                    <td key={c}>
                      {r.flags.join('; ')}
                      {r.restates && (
                        <span className="muted">
                          {' '}
                          {t('panel.restated', { origin: r.restates })}
                        </span>
                      )}
                    </td>
                  );
                if (c === 'origin')
                  return (
                    <td key={c}>
                      <code>{r.origin}</code>
                    </td>
                  );
                const v = c.startsWith('x:')
                  ? (r.extra[c.slice(2)] ?? null)
                  : (r as unknown as Record<string, unknown>)[c];
                return (
                  <td key={c} className={typeof v === 'number' ? 'num' : undefined}>
                    {typeof v === 'number'
                      ? fmt.num(v, Number.isInteger(v) ? 0 : 2)
                      : typeof v === 'string' || typeof v === 'boolean'
                        ? String(v)
                        : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
