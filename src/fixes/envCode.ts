// Environment lookups for programming languages: the literal (or the secret inside it) becomes a lookup.
import type { Literal } from './lexer';
import type { FixLanguage } from './languages';
import { concatenate, parenIfNeeded, splitLiteral, type Split } from './literalEdit';
import { goImportEdits, pythonImportEdit } from './imports';
import type { TextEdit, Unsupported } from './types';

/** What a renderer gets: the document, the literal around the secret and the chosen variable name. */
export interface CodeCtx {
  text: string;
  fileName: string;
  languageId: string;
  lit: Literal;
  start: number;
  end: number;
  name: string;
  /** Replaces the environment lookup (secrets-manager calls); gets the quote to use for nested strings. */
  expr?: (quote: '"' | "'") => string;
}

/** Edits plus what the user should know. */
export interface Rendered {
  edits: TextEdit[];
  notes: string[];
  /** The lookup as it reads in code, for the title. */
  lookup: string;
}

type Renderer = (c: CodeCtx) => Rendered | Unsupported;

const unsupported = (reason: string, alternatives: string[] = []): Unsupported => ({ kind: 'unsupported', reason, alternatives });
const replaceLit = (c: CodeCtx, newText: string): TextEdit => ({ start: c.lit.start, end: c.lit.end, newText });
const replaceSecret = (c: CodeCtx, newText: string): TextEdit => ({ start: c.start, end: c.end, newText });

/** The expression that reads variable `name` in each language. */
export const ENV_LOOKUP: Readonly<Partial<Record<FixLanguage, (name: string) => string>>> = {
  javascript: (n) => `process.env.${n}`,
  typescript: (n) => `process.env.${n}`,
  python: (n) => `os.environ["${n}"]`,
  go: (n) => `os.Getenv("${n}")`,
  java: (n) => `System.getenv("${n}")`,
  kotlin: (n) => `System.getenv("${n}")`,
  csharp: (n) => `Environment.GetEnvironmentVariable("${n}")`,
  ruby: (n) => `ENV.fetch("${n}")`,
  php: (n) => `getenv('${n}')`,
  rust: (n) => `std::env::var("${n}").expect("${n} must be set")`,
};

/** The expression for the context: a secrets-manager call when given, else the environment lookup. */
function lookupFor(c: CodeCtx, lang: FixLanguage, quote: '"' | "'" = '"'): string {
  if (c.expr) return c.expr(quote);
  const env = ENV_LOOKUP[lang]!(c.name);
  return quote === "'" ? env.replace(/"/g, "'") : env;
}

/** `<Tag attr="...">` in JSX: the literal is an attribute value, so an expression needs `{...}`. */
function isJsxAttribute(c: CodeCtx): boolean {
  if (!/react$/.test(c.languageId) && !/\.(jsx|tsx)$/i.test(c.fileName)) return false;
  const before = c.text.slice(Math.max(0, c.lit.start - 600), c.lit.start);
  return /<[A-Za-z][\w.:-]*(?:\s+[\w:-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?)*\s+[\w:-]+=$/.test(before);
}

/** Raw literal text re-escaped for a template literal; undefined when an escape would not survive the move. */
function toTemplateText(raw: string, jsx: boolean): string | undefined {
  if (!jsx && /\\(?:[1-9]|0[0-9])/.test(raw)) return undefined;
  const s = jsx ? raw.replace(/\\/g, '\\\\') : raw;
  return s.replace(/(^|[^\\])((?:\\\\)*)`/g, '$1$2\\`').replace(/(^|[^\\])((?:\\\\)*)\$\{/g, '$1$2\\${');
}

const js: Renderer = (c) => {
  const expr = lookupFor(c, 'javascript');
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const jsx = isJsxAttribute(c);
  const notes = [`Node reads it from the environment; load .env with \`node --env-file=.env\` (Node 20+) or the dotenv package.`];
  if (/\.(jsx|tsx)$/i.test(c.fileName) || /react$/.test(c.languageId)) {
    notes.push('Code that runs in a browser ships every value it reads to the user; keep real secrets on a server.');
  }
  if (c.lit.open === '`') {
    if (split.whole) return { edits: [replaceLit(c, jsx ? `{${expr}}` : expr)], notes, lookup: expr };
    return { edits: [replaceSecret(c, `\${${expr}}`)], notes, lookup: expr };
  }
  if (split.whole) return { edits: [replaceLit(c, jsx ? `{${expr}}` : expr)], notes, lookup: expr };
  const pre = toTemplateText(split.before, jsx);
  const post = toTemplateText(split.after, jsx);
  if (pre === undefined || post === undefined) {
    return { edits: [replaceLit(c, parenIfNeeded(c.text, c.lit, concatenate(c.lit, split, expr)))], notes, lookup: expr };
  }
  const tpl = `\`${pre}\${${expr}}${post}\``;
  return { edits: [replaceLit(c, jsx ? `{${tpl}}` : tpl)], notes, lookup: expr };
};

const python: Renderer = (c) => {
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const prefix = c.lit.prefix.toLowerCase();
  const importOs = c.expr ? undefined : pythonImportEdit(c.text, 'import os');
  const edits: TextEdit[] = importOs ? [importOs] : [];
  const notes = ['`os.environ["…"]` raises KeyError when the variable is missing; load .env with python-dotenv or your process manager.'];
  const expr = lookupFor(c, 'python');
  if (prefix.includes('b')) {
    const bytesExpr = `${expr}.encode()`;
    const e = split.whole ? bytesExpr : parenIfNeeded(c.text, c.lit, concatenate(c.lit, split, bytesExpr));
    return { edits: [...edits, replaceLit(c, e)], notes, lookup: expr };
  }
  if (split.whole) return { edits: [...edits, replaceLit(c, expr)], notes, lookup: expr };
  const inner = lookupFor(c, 'python', c.lit.open.startsWith('"') ? "'" : '"');
  if (prefix.includes('f')) return { edits: [...edits, replaceSecret(c, `{${inner}}`)], notes, lookup: expr };
  if (/\\N\{/.test(split.before + split.after)) {
    return { edits: [...edits, replaceLit(c, parenIfNeeded(c.text, c.lit, concatenate(c.lit, split, expr)))], notes, lookup: expr };
  }
  const dbl = (s: string): string => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
  const newPrefix = `${prefix.replace('u', '')}f`;
  return { edits: [...edits, replaceLit(c, `${newPrefix}${c.lit.open}${dbl(split.before)}{${inner}}${dbl(split.after)}${c.lit.close}`)], notes, lookup: expr };
};

/** A single-line `const X = ...` (Go, Kotlin `const val`, C#) cannot hold a runtime lookup. */
function lineOf(text: string, offset: number): { start: number; text: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, text: text.slice(start, nl < 0 ? text.length : nl) };
}

function inGoConstBlock(text: string, offset: number): boolean {
  const before = text.slice(0, offset);
  const open = before.search(/^const\s*\((?![\s\S]*^\))/m);
  return open >= 0;
}

const go: Renderer = (c) => {
  const expr = lookupFor(c, 'go');
  const edits = c.expr ? [] : goImportEdits(c.text, ['os']);
  const line = lineOf(c.text, c.lit.start);
  const constKw = /^(\s*)const(\s+)/.exec(line.text);
  if (constKw) edits.push({ start: line.start + constKw[1]!.length, end: line.start + constKw[1]!.length + 5, newText: 'var' });
  else if (inGoConstBlock(c.text, c.lit.start)) {
    return unsupported('The secret is in a Go const block, and constants cannot hold a value read at run time.', [
      'Move this constant out of the const block into a var declaration, then apply the fix again.',
    ]);
  }
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const e = split.whole ? expr : parenIfNeeded(c.text, c.lit, concatenate(c.lit, split, expr));
  const notes = ['os.Getenv returns "" when the variable is not set; check it at startup.'];
  if (constKw) notes.push('The constant became a var: a value read at run time cannot be a const.');
  return { edits: [...edits, replaceLit(c, e)], notes, lookup: expr };
};

const java: Renderer = (c) => {
  const expr = lookupFor(c, 'java');
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const notes = ['System.getenv returns null when the variable is not set.'];
  if (split.whole) return { edits: [replaceLit(c, expr)], notes, lookup: expr };
  if (c.lit.open === '"""') {
    const pct = (s: string): string => s.replace(/%/g, '%%');
    const e = `${c.lit.open}${pct(split.before)}%s${pct(split.after)}${c.lit.close}.formatted(${expr})`;
    return { edits: [replaceLit(c, e)], notes, lookup: expr };
  }
  return { edits: [replaceLit(c, parenIfNeeded(c.text, c.lit, concatenate(c.lit, split, expr)))], notes, lookup: expr };
};

const kotlin: Renderer = (c) => {
  const expr = lookupFor(c, 'kotlin');
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const edits: TextEdit[] = [];
  const line = lineOf(c.text, c.lit.start);
  const constKw = /\bconst\s+(?=val\b)/.exec(line.text);
  if (constKw) edits.push({ start: line.start + constKw.index, end: line.start + constKw.index + constKw[0].length, newText: '' });
  const notes = ['System.getenv returns null when the variable is not set.'];
  if (split.whole) edits.push(replaceLit(c, expr));
  else edits.push(replaceSecret(c, `\${${expr}}`));
  return { edits, notes, lookup: expr };
};

const csharp: Renderer = (c) => {
  const expr = lookupFor(c, 'csharp');
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const edits: TextEdit[] = [];
  const line = lineOf(c.text, c.lit.start);
  const constKw = /\bconst\s+/.exec(line.text);
  if (constKw) {
    const member = /^\s*(public|private|internal|protected)\b/.test(line.text);
    edits.push({ start: line.start + constKw.index, end: line.start + constKw.index + constKw[0].length, newText: member ? 'static readonly ' : '' });
  }
  const notes = ['Environment.GetEnvironmentVariable returns null when the variable is not set.'];
  if (c.lit.open.length >= 3 && /[\r\n]/.test(c.text.slice(c.lit.contentStart, c.lit.contentEnd)) && !split.whole) {
    return unsupported('The secret is inside a multi-line raw string, which cannot be split safely.', ['Move the value into a separate variable first.']);
  }
  const e = split.whole ? expr : parenIfNeeded(c.text, c.lit, concatenate(c.lit, split, expr));
  return { edits: [...edits, replaceLit(c, e)], notes, lookup: expr };
};

/** Ruby single-quoted content re-written for double quotes. */
function rubySingleToDouble(raw: string): string {
  const value = raw.replace(/\\([\\'])/g, '$1');
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/#(?=[{@$])/g, '\\#');
}

const ruby: Renderer = (c) => {
  const expr = lookupFor(c, 'ruby');
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const notes = ['ENV.fetch raises KeyError when the variable is missing; load .env with the dotenv gem or your process manager.'];
  if (split.whole) return { edits: [replaceLit(c, expr)], notes, lookup: expr };
  if (c.lit.open === '"' || c.lit.open === '`') return { edits: [replaceSecret(c, `#{${expr}}`)], notes, lookup: expr };
  const e = `"${rubySingleToDouble(split.before)}#{${expr}}${rubySingleToDouble(split.after)}"`;
  return { edits: [replaceLit(c, e)], notes, lookup: expr };
};

const php: Renderer = (c) => {
  const expr = lookupFor(c, 'php');
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const notes = ["getenv() returns false when the variable is not set; load .env with vlucas/phpdotenv or your server's config."];
  const e = split.whole ? expr : parenIfNeeded(c.text, c.lit, concatenate(c.lit, split, expr, ' . '), '.');
  return { edits: [replaceLit(c, e)], notes, lookup: expr };
};

const rust: Renderer = (c) => {
  const expr = lookupFor(c, 'rust');
  const line = lineOf(c.text, c.lit.start);
  if (/^\s*(pub(\([^)]*\))?\s+)?(const|static)\s/.test(line.text)) {
    return unsupported('The secret is in a Rust const or static, which needs a value known at compile time.', [
      'Turn it into a function or a std::sync::LazyLock<String> that calls std::env::var, then apply the fix again.',
      'Move the value to a secrets manager.',
    ]);
  }
  if (c.lit.prefix.startsWith('b')) return unsupported('The secret is in a byte string; read the variable and call .as_bytes() instead.', []);
  const split = splitLiteral(c.text, c.lit, c.start, c.end);
  const notes = ['std::env::var returns a String (borrow it with & where a &str is expected) and the program stops if the variable is missing.'];
  if (split.whole) return { edits: [replaceLit(c, expr)], notes, lookup: expr };
  const dbl = (s: string): string => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
  const e = `format!(${c.lit.prefix}${c.lit.open}${dbl(split.before)}{}${dbl(split.after)}${c.lit.close}, ${expr})`;
  return { edits: [replaceLit(c, e)], notes, lookup: expr };
};

/** Renderers for the programming languages. */
export const CODE_RENDERERS: Readonly<Partial<Record<FixLanguage, Renderer>>> = {
  javascript: js, typescript: js, python, go, java, kotlin, csharp, ruby, php, rust,
};

export type { Split };
