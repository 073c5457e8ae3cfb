/**
 * The write token of the team server: constant-time comparison, and where the token comes from
 * (--token-file, AIO_DASH_TOKEN, or generated once into the data directory with mode 0600).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The token file a server generates in its data directory. */
export const TOKEN_FILE = 'token';

/** A write token and the label the audit log records for its writes ("who"). */
export interface WriteToken {
  label: string;
  token: string;
}

/** Labels are written into the audit log: a short word, nothing a log reader could misread. */
const LABEL = /^[A-Za-z0-9._@-]{1,64}$/;
const MIN_TOKEN = 16;

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

/**
 * The token an `Authorization` header carries, among several, or null. Every token is compared
 * (no early exit), so the time taken does not tell which one matched or how many there are.
 */
export function matchToken(
  header: string | undefined,
  tokens: readonly WriteToken[],
): WriteToken | null {
  let found: WriteToken | null = null;
  for (const t of tokens) if (tokenMatches(header, t.token) && found === null) found = t;
  return found;
}

/**
 * A token file: one token per line, `LABEL TOKEN` or a bare `TOKEN` (labelled `token`); blank
 * lines and `#` comments are skipped. One file can so give each pipeline or person its own token,
 * and the audit log says whose write it was.
 */
export function parseTokenFile(
  text: string,
): { ok: true; value: WriteToken[] } | { ok: false; reason: string } {
  const tokens: WriteToken[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(/\s+/);
    const [label, token] =
      words.length === 1 ? ['token', words[0] ?? ''] : [words[0] ?? '', words[1] ?? ''];
    if (words.length > 2 || !LABEL.test(label))
      return { ok: false, reason: `line ${i + 1}: expected "LABEL TOKEN" or "TOKEN"` };
    if (token.length < MIN_TOKEN)
      return { ok: false, reason: `line ${i + 1}: a token of ${MIN_TOKEN} characters or more` };
    if (tokens.some((t) => t.label === label))
      return { ok: false, reason: `line ${i + 1}: label "${label}" given twice` };
    tokens.push({ label, token });
  }
  if (tokens.length === 0)
    return { ok: false, reason: `a token of ${MIN_TOKEN} characters or more` };
  return { ok: true, value: tokens };
}

/** Whether `host` (a --host value) is a loopback address: only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export interface TokenChoice {
  /** null: writes are open (a loopback server started without a token). */
  tokens: WriteToken[] | null;
  /** Where it came from, for the start-up message. */
  source: 'token-file' | 'env' | 'data-dir' | 'generated' | 'none';
  /** The file of a generated or stored token. */
  file?: string;
}

/**
 * The server's tokens: `--token-file F` (see parseTokenFile), else AIO_DASH_TOKEN (label `env`),
 * else the token (label `admin`)
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
    const parsed = parseTokenFile(text);
    if (!parsed.ok) return { ok: false, reason: `--token-file: ${parsed.reason}` };
    return { ok: true, value: { tokens: parsed.value, source: 'token-file' } };
  }
  const env = opts.env?.trim();
  if (env) {
    if (env.length < MIN_TOKEN)
      return { ok: false, reason: `AIO_DASH_TOKEN: ${MIN_TOKEN} characters or more` };
    return { ok: true, value: { tokens: [{ label: 'env', token: env }], source: 'env' } };
  }
  const file = join(opts.dataDir, TOKEN_FILE);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= MIN_TOKEN)
      return { ok: true, value: { tokens: [{ label: 'admin', token }], source: 'data-dir', file } };
  }
  if (isLoopback(opts.host)) return { ok: true, value: { tokens: null, source: 'none' } };
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600); // the umask cannot widen it
  return { ok: true, value: { tokens: [{ label: 'admin', token }], source: 'generated', file } };
}
