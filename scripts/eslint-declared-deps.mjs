/**
 * ESLint rule `local/declared-deps`: every package a file imports is declared in package.json
 * (dependencies, devDependencies, peer or optional ones) or is a Node built-in. A package that
 * is only installed because another one depends on it (d3-scale under Recharts) can disappear
 * or change version with that package's next release: import it only after declaring it.
 *
 * Checked: import and export … from, import(), require() with a literal. A type-only import
 * may name a package whose types come from a declared `@types/…` package.
 * A plain .mjs file because eslint.config.js loads it without a TypeScript step.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const BUILTINS = new Set(builtinModules);
const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];

/**
 * The package a module specifier names ('@scope/pkg/sub' → '@scope/pkg', 'react-dom/client' →
 * 'react-dom'); null for relative and absolute paths, Node built-ins and URL-like specifiers
 * ('virtual:…', 'data:…').
 * @param {string} specifier
 * @returns {string | null}
 */
export function packageOf(specifier) {
  if (/^[./]/.test(specifier) || specifier.startsWith('\0')) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return null; // node:fs, virtual:x, https://…
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return name === undefined || BUILTINS.has(name) ? null : name;
}

/**
 * The names declared in a package.json object.
 * @param {Record<string, unknown>} pkg
 * @returns {Set<string>}
 */
export function declaredPackages(pkg) {
  const out = new Set();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) out.add(name);
  }
  return out;
}

/** '@types/estree' for 'estree', '@types/babel__core' for '@babel/core'. */
const typesPackage = (name) =>
  name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;

/** @type {import('eslint').Rule.RuleModule} */
export const declaredDeps = {
  meta: {
    type: 'problem',
    docs: { description: 'Imported packages must be declared in package.json' },
    schema: [],
    messages: {
      undeclared:
        "'{{name}}' is not declared in package.json: declare it (npm install {{name}}) rather than import another package's dependency.",
    },
  },
  create(context) {
    const root = context.cwd ?? process.cwd();
    const declared = declaredPackages(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
    /** @param {any} source @param {boolean} typeOnly */
    const check = (source, typeOnly) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const name = packageOf(source.value);
      if (name === null || declared.has(name)) return;
      if (typeOnly && declared.has(typesPackage(name))) return;
      context.report({ node: source, messageId: 'undeclared', data: { name } });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.importKind === 'type'),
      ExportNamedDeclaration: (n) => check(n.source, n.exportKind === 'type'),
      ExportAllDeclaration: (n) => check(n.source, n.exportKind === 'type'),
      ImportExpression: (n) => check(n.source, false),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (n) =>
        check(n.arguments[0], false),
    };
  },
};

/** The plugin eslint.config.js registers as `local`. */
export default { rules: { 'declared-deps': declaredDeps } };
