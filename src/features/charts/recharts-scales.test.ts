import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RECHARTS_SCALES } from './recharts-scales';

const dir = import.meta.dirname;

describe('RECHARTS_SCALES', () => {
  it('lists every d3 scale a chart names in scale="…" (the build drops the others)', () => {
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.tsx'))) {
      const code = readFileSync(join(dir, f), 'utf8');
      // A computed scale prop cannot be checked here: name it literally.
      expect(code, `${f}: scale={…}`).not.toMatch(/\bscale=\{/);
      for (const m of code.matchAll(/\bscale="([^"]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const s of used)
      if (s !== 'auto') expect(RECHARTS_SCALES as readonly string[], `scale="${s}"`).toContain(s);
  });
});
