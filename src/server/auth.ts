/**
 * The write token of the team server: constant-time comparison, and where the token comes from
 * (--token-file, AIO_DASH_TOKEN, or generated once into the data directory with mode 0600).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The token file a server generates in its data directory. */
export const TOKEN_FILE = 'token';

/**
 * Whether an `Authorization` header carries `token`. Both sides are hashed to SHA-256 first, so
 * timingSafeEqual compares equal lengths and the time taken says nothing about the token.
 */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

/** Whether `host` (a --host value) is a loopback address: only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export interface TokenChoice {
  /** null: writes are open (a loopback server started without a token). */
  token: string | null;
  /** Where it came from, for the start-up message. */
  source: 'token-file' | 'env' | 'data-dir' | 'generated' | 'none';
  /** The file of a generated or stored token. */
  file?: string;
}

/**
 * The server's token: `--token-file F` (its first line), else AIO_DASH_TOKEN, else the token
 * stored in the data directory by an earlier start; else, when bound beyond loopback, a new one
 * is generated and stored there with mode 0600 (the caller prints it once). A loopback server
 * without any of these has no token.
 */
export function chooseToken(opts: {
  host: string;
  tokenFile?: string;
  env?: string;
  dataDir: string;
}): { ok: true; value: TokenChoice } | { ok: false; reason: string } {
  if (opts.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(opts.tokenFile, 'utf8');
    } catch (e) {
      return { ok: false, reason: `--token-file: ${e instanceof Error ? e.message : String(e)}` };
    }
    const token = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (token.length < 16)
      return { ok: false, reason: '--token-file: a token of 16 characters or more' };
    return { ok: true, value: { token, source: 'token-file' } };
  }
  const env = opts.env?.trim();
  if (env) {
    if (env.length < 16) return { ok: false, reason: 'AIO_DASH_TOKEN: 16 characters or more' };
    return { ok: true, value: { token: env, source: 'env' } };
  }
  const file = join(opts.dataDir, TOKEN_FILE);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return { ok: true, value: { token, source: 'data-dir', file } };
  }
  if (isLoopback(opts.host)) return { ok: true, value: { token: null, source: 'none' } };
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600); // the umask cannot widen it
  return { ok: true, value: { token, source: 'generated', file } };
}
