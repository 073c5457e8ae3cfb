/**
 * How two loads of the same content are recognised (spec "Result sets", contract D): SHA-256 of
 * each file and the content id of a set. Apart from sets.ts so that the page's first paint,
 * which needs set names only, does not carry a hash implementation.
 *
 * SHA-256 comes from @noble/hashes because the digest must be computed synchronously in the Web
 * Worker, the CLI and Vitest alike: crypto.subtle.digest is async-only, and node:crypto does not
 * exist in the browser.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Lower-case hex SHA-256 of `bytes` (synchronous; the same in every runtime). */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** An incremental SHA-256: `update` with the pieces of a file, then `digestHex` once. */
export interface Sha256Hasher {
  update(bytes: Uint8Array): void;
  digestHex(): string;
}

/** sha256Hex of bytes that arrive in pieces (a streamed file): equal to sha256Hex of their concatenation. */
export function sha256Hasher(): Sha256Hasher {
  const h = sha256.create();
  return {
    update: (bytes) => void h.update(bytes),
    digestHex: () => bytesToHex(h.digest()),
  };
}

/**
 * Content identity of a set: SHA-256 over the sorted per-file digests, one per line. File names
 * and order do not matter, so the same files loaded again (renamed, or from another folder) are
 * recognised; a file's digest is sha256Hex of its bytes.
 */
export function contentId(fileDigests: readonly string[]): string {
  const sorted = [...fileDigests].sort();
  return sha256Hex(utf8ToBytes(sorted.join('\n')));
}
