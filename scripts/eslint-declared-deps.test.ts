import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import plugin, { packageOf } from './eslint-declared-deps.mjs';

function lint(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'deps-'));
  try {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        dependencies: { react: '19', 'react-dom': '19', '@scope/pkg': '1' },
        devDependencies: { '@types/estree': '1' },
      }),
    );
    const linter = new Linter({ cwd: dir });
    return linter
      .verify(
        code,
        [
          {
            files: ['**/*.js'],
            plugins: { local: plugin },
            rules: { 'local/declared-deps': 'error' },
            languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
          },
        ],
        { filename: join(dir, 'x.js') },
      )
      .map((m) => m.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('local/declared-deps', () => {
  it('accepts declared packages, their subpaths, Node built-ins and relative paths', () => {
    expect(
      lint(
        `import React from 'react'; import { createRoot } from 'react-dom/client';
         import x from '@scope/pkg/sub'; import fs from 'node:fs'; import path from 'path';
         import a from './a.js'; const b = () => import('../b.js'); export * from './c.js';`,
      ),
    ).toEqual([]);
  });

  it("rejects another package's dependency, however it is imported", () => {
    const messages = lint(
      `import { scaleLog } from 'd3-scale'; const i = () => import('d3-interpolate');
       export * from 'd3-color'; export { x } from '@scope/other/y'; const z = require('lodash');`,
    );
    expect(messages.map((m) => /'([^']+)'/.exec(m)?.[1])).toEqual([
      'd3-scale',
      'd3-interpolate',
      'd3-color',
      '@scope/other',
      'lodash',
    ]);
  });

  it('names the package of a specifier', () => {
    expect(packageOf('@tanstack/react-table')).toBe('@tanstack/react-table');
    expect(packageOf('vitest/config')).toBe('vitest');
    expect(packageOf('fs/promises')).toBeNull();
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('virtual:x')).toBeNull();
    expect(packageOf('/abs/path.js')).toBeNull();
  });
});
