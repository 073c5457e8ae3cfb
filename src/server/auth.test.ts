import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseToken, isLoopback, matchToken, parseTokenFile, tokenMatches } from './auth';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aio-auth-'));
  dirs.push(d);
  return d;
};

describe('the write token', () => {
  it('matches only the exact bearer token', () => {
    const t = 'a-token-of-enough-length';
    expect(tokenMatches(`Bearer ${t}`, t)).toBe(true);
    expect(tokenMatches(`Bearer ${t}x`, t)).toBe(false);
    expect(tokenMatches(t, t)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
    expect(tokenMatches('Bearer ', t)).toBe(false);
    expect(tokenMatches(`bearer ${t}`, t)).toBe(false);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].map(isLoopback)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '::', '192.168.1.5', '127.0.0.1.evil'].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('is generated once beyond loopback, stored 0600, and the same on the next start', () => {
    const dataDir = join(tempDir(), 'data');
    const first = chooseToken({ host: '0.0.0.0', dataDir });
    expect(first.ok && first.value.source).toBe('generated');
    const generated = first.ok ? first.value.tokens?.[0] : undefined;
    if (generated === undefined) throw new Error('no token');
    expect(generated.label).toBe('admin');
    const file = join(dataDir, 'token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(generated.token);
    expect(generated.token.length).toBeGreaterThanOrEqual(32);
    const second = chooseToken({ host: '0.0.0.0', dataDir });
    expect(second.ok && second.value).toEqual({
      tokens: [generated],
      source: 'data-dir',
      file,
    });
  });

  it('has none on loopback unless given; a given one wins, in the order file, env', () => {
    const dir = tempDir();
    expect(chooseToken({ host: '127.0.0.1', dataDir: join(dir, 'd') })).toEqual({
      ok: true,
      value: { tokens: null, source: 'none' },
    });
    const f = join(dir, 'tok');
    writeFileSync(f, '# the team\nfrom-the-file-0123456789\n\n');
    const env = 'from-the-environment-0123';
    expect(chooseToken({ host: '0.0.0.0', tokenFile: f, env, dataDir: dir })).toEqual({
      ok: true,
      value: {
        tokens: [{ label: 'token', token: 'from-the-file-0123456789' }],
        source: 'token-file',
      },
    });
    expect(chooseToken({ host: '127.0.0.1', env, dataDir: dir })).toEqual({
      ok: true,
      value: { tokens: [{ label: 'env', token: env }], source: 'env' },
    });
    expect(chooseToken({ host: '0.0.0.0', env: 'short', dataDir: dir }).ok).toBe(false);
    expect(chooseToken({ host: '0.0.0.0', tokenFile: join(dir, 'missing'), dataDir: dir }).ok).toBe(
      false,
    );
  });

  it('reads labelled tokens, one per line, and refuses a file a person would misread', () => {
    expect(
      parseTokenFile('nightly-ci  aaaaaaaaaaaaaaaaaaaa\nalice bbbbbbbbbbbbbbbbbbbb\n'),
    ).toEqual({
      ok: true,
      value: [
        { label: 'nightly-ci', token: 'aaaaaaaaaaaaaaaaaaaa' },
        { label: 'alice', token: 'bbbbbbbbbbbbbbbbbbbb' },
      ],
    });
    expect(parseTokenFile('alice short').ok).toBe(false);
    expect(parseTokenFile('a b c').ok).toBe(false);
    expect(parseTokenFile('al"ice bbbbbbbbbbbbbbbbbbbb').ok).toBe(false);
    expect(parseTokenFile('x aaaaaaaaaaaaaaaaaaaa\nx bbbbbbbbbbbbbbbbbbbb').ok).toBe(false);
    expect(parseTokenFile('# nothing\n\n').ok).toBe(false);
  });

  it('finds which of several tokens a header carries', () => {
    const tokens = [
      { label: 'ci', token: 'aaaaaaaaaaaaaaaaaaaa' },
      { label: 'alice', token: 'bbbbbbbbbbbbbbbbbbbb' },
    ];
    expect(matchToken('Bearer bbbbbbbbbbbbbbbbbbbb', tokens)?.label).toBe('alice');
    expect(matchToken('Bearer aaaaaaaaaaaaaaaaaaaa', tokens)?.label).toBe('ci');
    expect(matchToken('Bearer cccccccccccccccccccc', tokens)).toBeNull();
    expect(matchToken(undefined, tokens)).toBeNull();
  });
});
