/** Types of eslint-declared-deps.mjs (for its test). */
import type { ESLint, Rule } from 'eslint';
export declare function packageOf(specifier: string): string | null;
export declare function declaredPackages(pkg: Record<string, unknown>): Set<string>;
export declare const declaredDeps: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
