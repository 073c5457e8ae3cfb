/**
 * A running team server as the source of `aio-dash export --all --server URL`: the sets and
 * their canonical records over the HTTP API, so a production server is backed up without being
 * stopped (its DuckDB file has one writer, the server).
 */
import { csvToRecords } from '../core/ingest/ingest';
import type { ResultRecord } from '../core/model/record.types';
import type { BackupSource } from './backup';
import { storedSetOf } from './backup';
import type { StoredSet } from './store/result-store';

/** GET on the server; null for a 404 (a set trashed meanwhile), an error for anything else. */
async function get(server: URL, path: string): Promise<Response | null> {
  const url = new URL(path, server.href.endsWith('/') ? server.href : server.href + '/');
  const res = await fetch(url);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${url.href}: ${res.status} ${res.statusText}`);
  return res;
}

export function remoteSource(server: URL): BackupSource {
  return {
    async listSets(): Promise<StoredSet[]> {
      const res = await get(server, 'api/sets');
      const body: unknown = res === null ? null : await res.json();
      if (!Array.isArray(body)) throw new Error(`${server.href}: /api/sets is not a list`);
      return body.map((item, i) => {
        const set = storedSetOf(item);
        if (typeof set === 'string') throw new Error(`${server.href}: /api/sets[${i}]: ${set}`);
        return { ...set, deleted: null };
      });
    },
    async getRecords(id: string): Promise<ResultRecord[] | null> {
      const res = await get(server, `api/sets/${id}/records?format=csv`);
      if (res === null) return null;
      const records = csvToRecords(await res.text(), `${id}.csv`);
      if (!records.ok) throw new Error(`set ${id}: ${records.reason}`);
      return records.value;
    },
  };
}
