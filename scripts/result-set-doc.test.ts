/**
 * docs/result-set.md is this repository's copy of the public contract (the record, its
 * vocabularies, the command line, the HTTP API), so a clone is self-contained and the README
 * links there. The contract itself is kept in ../shared/spec/result-set.md next to the
 * repository (CI has it; a plain clone does not): when it is there, the copy must equal it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const COPY = join(ROOT, 'docs', 'result-set.md');
const CONTRACT = join(ROOT, '..', 'shared', 'spec', 'result-set.md');
const hasContract = existsSync(CONTRACT);

describe('docs/result-set.md', () => {
  if (!hasContract)
    console.warn(
      `result-set-doc.test: ${CONTRACT} not found (a clone has no ../shared): docs/result-set.md is not compared with the contract`,
    );

  it.skipIf(!hasContract)('equals the contract in ../shared/spec/result-set.md', () => {
    // Byte for byte: a difference means the contract changed (copy it) or the copy was edited.
    expect(readFileSync(COPY, 'utf8')).toBe(readFileSync(CONTRACT, 'utf8'));
  });

  it('is linked from the README, which links nothing outside the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('(docs/result-set.md)');
    expect(readme).not.toMatch(/\]\(\.\.\//);
  });
});
