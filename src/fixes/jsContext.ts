// Whether JavaScript code at an offset may use `await`: inside an async function, a sync one, or at top level.
import { codeOnly } from './lexer';

/** The innermost function-like scope around an offset. */
export type JsScope = 'async' | 'sync' | 'top';

const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'function']);

/** Index of the `(` matching the `)` at `close`, or -1. */
function openParen(code: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (code[i] === ')') depth++;
    else if (code[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/** What a `{` at `brace` opens: a function body (async or not), a class body, or a plain block/object. */
function classify(code: string, brace: number): 'async' | 'sync' | 'class' | 'block' {
  const before = code.slice(0, brace).replace(/\s+$/, '');
  if (/\bclass(\s+[\w$]+)?(\s+extends\s+[^{]+)?(\s+implements\s+[^{]+)?$/.test(before)) return 'class';
  if (before.endsWith('=>')) {
    const head = before.slice(0, -2).replace(/\s+$/, '').replace(/\)\s*:\s*[^=()]+$/, ')');
    const start = head.endsWith(')') ? openParen(head, head.length - 1) : head.search(/[\w$]+$/);
    return /\basync\s*$/.test(head.slice(0, Math.max(0, start))) ? 'async' : 'sync';
  }
  const sig = before.replace(/\)\s*:\s*[^(){};=]+$/, ')');
  if (!sig.endsWith(')')) return 'block';
  const open = openParen(sig, sig.length - 1);
  if (open < 0) return 'block';
  const head = sig.slice(0, open).replace(/\s+$/, '');
  const word = /([\w$]+)\s*(<[^<>]*>)?$/.exec(head);
  if (!word) return head.endsWith('function') || /function\s*\*$/.test(head) ? (/\basync\s+function\s*\*?$/.test(head) ? 'async' : 'sync') : 'block';
  if (CONTROL.has(word[1]!) && word[1] !== 'function') return 'block';
  const lead = head.slice(0, head.length - word[0].length);
  if (/\basync\s+(function\s*\*?\s*)?$/.test(lead) || /\basync\s*\*?\s*$/.test(lead) || /\basync\s+function\s*\*?\s*$/.test(head)) return 'async';
  if (/\bfunction\s*\*?\s*$/.test(lead) || /[;{},\n]\s*(static\s+|get\s+|set\s+|public\s+|private\s+|protected\s+)*\*?\s*$/.test(lead) || word[1] === 'function') return 'sync';
  return 'block';
}

/** The scope that decides whether `await` is allowed at `offset`. Class bodies count as sync (field initialisers). */
export function jsScopeAt(text: string, offset: number): JsScope {
  const code = codeOnly(text, 'javascript', offset);
  const stack: ('async' | 'sync' | 'class' | 'block')[] = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '{') stack.push(classify(code, i));
    else if (ch === '}') stack.pop();
  }
  for (let i = stack.length - 1; i >= 0; i--) {
    const s = stack[i]!;
    if (s === 'async') return 'async';
    if (s === 'sync' || s === 'class') return 'sync';
  }
  const arrow = /\basync\s*(\([^()]*\)|[\w$]+)\s*=>[^;{}]*$/.test(code.slice(Math.max(0, offset - 400)));
  return arrow ? 'async' : 'top';
}
