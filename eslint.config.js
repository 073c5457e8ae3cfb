// Flat, type-aware ESLint config. Two architecture rules matter most:
//  1. src/core is pure TypeScript: no React, no DOM, no browser storage. It runs unchanged in
//     Vitest, the Web Worker and the CLI.
//  2. src/features/* never import each other; src/app composes them (one-way imports, as in
//     bulletproof-react).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import localRules from './scripts/eslint-declared-deps.mjs';

const FEATURES = [
  'data',
  'compare-bar',
  'filters',
  'pivot',
  'charts',
  'cell-panel',
  'report',
  'ingest-panel',
];

const browserOnlyPackages = [
  'react',
  'react-dom',
  'react-dom/*',
  'react/*',
  'recharts',
  '@tanstack/react-table',
  '@tanstack/react-virtual',
  'idb',
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-cli',
      'node_modules',
      'test-results',
      'playwright-report',
      'bin',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Every imported package is declared in package.json (scripts/eslint-declared-deps.mjs).
    plugins: { local: localRules },
    rules: { 'local/declared-deps': 'error' },
  },
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never inject HTML: render data as text.',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: browserOnlyPackages
            .filter((p) => !p.includes('*'))
            .map((name) => ({ name, message: 'src/core is pure: no React/DOM packages.' })),
          patterns: [
            {
              group: ['react/*', 'react-dom/*'],
              message: 'src/core is pure: no React/DOM packages.',
            },
            {
              group: ['**/features/**', '**/app/**', '**/worker/**', '**/cli/**', '**/node/**'],
              message: 'src/core must not depend on outer layers.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'src/core runs in the browser too: no Node built-ins.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'localStorage',
          'sessionStorage',
          'navigator',
          'indexedDB',
          'location',
          'HTMLElement',
        ].map((name) => ({ name, message: 'src/core is pure: no DOM globals.' })),
      ],
    },
  },
  {
    // src/node runs processes for the CLI (bench): Node built-ins allowed, no UI or CLI layers.
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/app/**', '**/worker/**', '**/cli/**'],
              message: 'src/node serves the CLI: it must not depend on UI or CLI layers.',
            },
          ],
        },
      ],
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FEATURES.filter((f) => f !== feature).flatMap((f) => [
                `**/features/${f}`,
                `**/features/${f}/**`,
              ]),
              message: 'Features never import each other: compose them in src/app.',
            },
            { group: ['**/app/**'], message: 'Features must not import from src/app.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['*.js', '**/*.mjs', '*.config.ts', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
