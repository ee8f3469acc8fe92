// The validated built-in rules, embedded by esbuild.js at build time.
declare module 'leakless:builtin-rules' {
  import type { RuleSpec } from './core/types';
  const rules: RuleSpec[];
  export default rules;
}
