/**
 * `aio-dash recommend` on the seed, word for word in both languages: the text output must not
 * change when the policy's texts move (key tables) or its code is reorganised. A deliberate change
 * of a rule or its wording updates the fixtures: `UPDATE_FIXTURES=1 npx vitest run` on this file,
 * then review the diff of src/cli/fixtures/recommend-seed.*.txt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const ROOT = join(import.meta.dirname, '..', '..');

async function recommendSeed(lang: 'en' | 'zh'): Promise<string> {
  const out: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: () => {}, cwd: ROOT };
  const code = await main(['recommend', 'data/zstack-2023q1.csv', '--lang', lang], io);
  expect(code).toBe(0);
  return out.join('');
}

describe('aio-dash recommend on the seed', () => {
  it.each(['en', 'zh'] as const)('prints the same answer, byte for byte (%s)', async (lang) => {
    const file = join(ROOT, 'src', 'cli', 'fixtures', `recommend-seed.${lang}.txt`);
    const got = await recommendSeed(lang);
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(file, got);
    expect(got).toBe(readFileSync(file, 'utf8'));
  });
});
