/**
 * What "Share with the team" sends and how the server will know it: a set's canonical CSV and
 * its content id (contentId of the CSV's SHA-256, as the server computes it). A chunk of its own,
 * loaded on a share: the CSV writer and the synchronous SHA-256 stay out of the first paint.
 */
import { recordsToCsv } from '../core/ingest/csv.write';
import type { ResultRecord } from '../core/model/record.types';
import { contentId, sha256Hex } from '../core/sets/content-id';

export function shareContent(records: readonly ResultRecord[]): { csv: string; sha256: string } {
  const csv = recordsToCsv(records);
  return { csv, sha256: contentId([sha256Hex(new TextEncoder().encode(csv))]) };
}
