// "Read it from a secrets manager": helper and imports inserted once per file, the literal replaced by a call.
import { placeOf, codeOnly, type Literal } from './lexer';
import { isEsModule, resolveLanguage, type FixLanguage } from './languages';
import { suggestName } from './naming';
import { CODE_RENDERERS } from './envCode';
import { jsScopeAt } from './jsContext';
import { afterImportsOffset, applyEdits, eolOf, escapeRe, goImportEdits, mergeSamePoint, nextLineStart, pythonImportsEdit } from './imports';
import { MANAGERS, TEMPLATES, type JsImport, type ManagerTemplate } from './templates';
import { isUnsupported, type FixInput, type SecretsManager, type SecretsManagerPlan, type TextEdit, type Unsupported } from './types';

type TemplateLang = keyof typeof TEMPLATES;

const TEMPLATE_LANG: Partial<Record<FixLanguage, TemplateLang>> = {
  javascript: 'javascript', typescript: 'javascript', python: 'python', go: 'go', java: 'java', csharp: 'csharp', ruby: 'ruby',
};

const SENTINEL = (i: number): string => `\u0001${i}\u0001`;

/** Plans replacing the secret with a call to a secrets manager; the secret's name/path is a snippet placeholder. */
export function planSecretsManagerFix(input: FixInput, manager: SecretsManager): SecretsManagerPlan | Unsupported {
  const lang = resolveLanguage(input.languageId, input.fileName);
  const tl = TEMPLATE_LANG[lang];
  const info = MANAGERS[manager];
  if (!tl) {
    return {
      kind: 'unsupported',
      reason: `No ${info.label} lookup is generated for this file type (supported: JavaScript, TypeScript, Python, Go, Java, C#, Ruby).`,
      alternatives: ['Replace the value with an environment variable, and have your deployment fill that variable from the secrets manager.'],
    };
  }
  const place = placeOf(input.text, input.secretStart, lang);
  if (place.kind !== 'string' || input.secretEnd > place.literal.contentEnd) {
    return { kind: 'unsupported', reason: 'The secret is not inside a string literal, so there is no value to replace with a call.', alternatives: [] };
  }
  const lit = place.literal;
  const tpl = TEMPLATES[tl][manager];
  const embedded = input.secretStart !== lit.contentStart || input.secretEnd !== lit.contentEnd;
  const name = suggestName(input.text, lit.start, input.ruleEnvVar, embedded);
  const defaults = info.args.map((a) => a.replace('<%kebab%>', name.toLowerCase().replace(/_/g, '-')).replace('<%snake%>', name.toLowerCase()));
  const notes = [info.setup];
  const ts = lang === 'typescript';

  // How the call reads in this context.
  let call = (q: '"' | "'"): string => `${tpl.helper}(${defaults.map((_, i) => `${q}${SENTINEL(i + 1)}${q}`).join(', ')})`;
  let thenForm = false;
  let esm = false;
  if (tl === 'javascript') {
    esm = isEsModule(input.fileName, input.text) || (ts && tpl.imports.length > 0);
    const scope = jsScopeAt(input.text, lit.start);
    const topAwait = scope === 'top' && esm;
    const plain = call;
    if (scope === 'async' || topAwait) call = (q) => `await ${plain(q)}`;
    else thenForm = true;
    if (topAwait) notes.push(ts ? 'Uses top-level await: the file is an ES module; TypeScript needs "module" set to es2022/esnext/nodenext.' : 'Uses top-level await, which ES modules allow.');
    if (thenForm) {
      notes.push(scope === 'top'
        ? 'A CommonJS module cannot await at its top level, so this now holds a Promise<string>: await it where the value is used, or convert the file to an ES module.'
        : 'This code is not in an async function, so the value arrives as a Promise<string>: make the function async and await it, or await the promise where the value is used.');
    }
  }

  const renderer = CODE_RENDERERS[lang]!;
  const ctxBase = { text: input.text, fileName: input.fileName, languageId: input.languageId, lit, start: input.secretStart, end: input.secretEnd, name };
  let replaced: TextEdit[];
  if (thenForm) {
    const r = renderer({ ...ctxBase, expr: () => 'secret' });
    if (isUnsupported(r)) return r;
    const inner = r.edits.filter((e) => e.start >= lit.start && e.end <= lit.end);
    const newLit = applyEdits(input.text.slice(lit.start, lit.end), inner.map((e) => ({ ...e, start: e.start - lit.start, end: e.end - lit.start })));
    const promise = call('"');
    replaced = [{ start: lit.start, end: lit.end, newText: embedded ? `${promise}.then((secret) => ${newLit})` : promise }];
  } else {
    const r = renderer({ ...ctxBase, expr: call });
    if (isUnsupported(r)) return r;
    replaced = r.edits;
  }
  replaced = replaced.map((e) => (e.newText.includes('\u0001') ? toSnippet(e, defaults) : e));

  const extra = helperEdits(input.text, tl, tpl, lit, { ts, esm });
  if (isUnsupported(extra)) return extra;
  const edits = mergeSamePoint([...extra, ...replaced].sort((a, b) => a.start - b.start));
  return {
    kind: 'ok',
    title: `Read it from ${info.label}`,
    edits,
    dependencies: tpl.dependencies,
    notes,
  };
}

/** Escapes a replacement for VS Code's snippet syntax and turns the sentinels into numbered placeholders. */
function toSnippet(e: TextEdit, defaults: string[]): TextEdit {
  let text = e.newText.replace(/[$}\\]/g, (c) => `\\${c}`);
  defaults.forEach((d, i) => { text = text.split(SENTINEL(i + 1)).join(`\${${i + 1}:${d}}`); });
  return { ...e, newText: text, isSnippet: true };
}

/** The imports and helper the call needs, skipping whatever the file already has. */
function helperEdits(text: string, tl: TemplateLang, tpl: ManagerTemplate, lit: Literal, js: { ts: boolean; esm: boolean }): TextEdit[] | Unsupported {
  const eol = eolOf(text);
  const defined = new RegExp(`\\b(function|def|func)\\s+${tpl.helper}\\b|\\b(String|string)\\s+${tpl.helper}\\s*\\(`).test(text);
  const code = (s: string): string => (js.ts
    ? s.replace(/<%:(.*?)%>/g, ': $1').replace(/<%as (.*?)%>/g, ' as $1')
    : s.replace(/<%(:|as ).*?%>/g, '')).replace(/\n/g, eol);
  const imports: TextEdit[] = [];
  let helperAt: number;
  let helperText: string;
  switch (tl) {
    case 'javascript': {
      const at = afterImportsOffset(text, 'javascript');
      const lines = (tpl.imports as JsImport[]).map((imp) => jsImportLine(text, imp, js.esm)).filter((l): l is string => !!l);
      if (lines.length) imports.push({ start: at, end: at, newText: lines.join(eol) + eol });
      helperAt = at;
      helperText = `${eol}${code(tpl.code)}${eol}`;
      break;
    }
    case 'python': {
      const e = pythonImportsEdit(text, tpl.imports as string[]);
      if (e) imports.push(e);
      helperAt = afterImportsOffset(text, 'python');
      helperText = `${eol}${eol}${code(tpl.code)}${eol}`;
      break;
    }
    case 'go': {
      imports.push(...goImportEdits(text, tpl.imports as string[]));
      helperAt = goDeclsStart(text);
      helperText = `${eol}${code(tpl.code)}${eol}`;
      break;
    }
    case 'ruby': {
      const at = afterImportsOffset(text, 'ruby');
      const missing = (tpl.imports as string[]).filter((l) => !new RegExp(`^${escapeRe(l).replace(/"/g, '["\']')}`, 'm').test(text));
      if (missing.length) imports.push({ start: at, end: at, newText: missing.join(eol) + eol });
      helperAt = at;
      helperText = `${eol}${code(tpl.code)}${eol}`;
      break;
    }
    case 'java':
    case 'csharp': {
      const keyword = tl === 'java' ? 'import' : 'using';
      const missing = (tpl.imports as string[]).filter((l) => !new RegExp(`^\\s*${escapeRe(l)}`, 'm').test(text));
      const lastImport = [...text.matchAll(new RegExp(`^${keyword}\\s+[\\w.]+(\\s*=\\s*[\\w.]+)?\\s*;.*$`, 'gm'))].pop();
      const pkg = tl === 'java' ? /^package\s+[\w.]+\s*;.*$/m.exec(text) : null;
      const at = lastImport ? nextLineStart(text, lastImport.index!) : pkg ? nextLineStart(text, pkg.index) : 0;
      const blankNext = /^\r?\n/.test(text.slice(at));
      const lead = pkg && !lastImport && !blankNext ? eol : '';
      const tail = lastImport ? '' : blankNext && pkg ? '' : eol;
      if (missing.length) imports.push({ start: at, end: at, newText: (pkg && !lastImport && blankNext ? eol : lead) + missing.join(eol) + eol + tail });
      const body = classBodyAround(text, lit.start, tl);
      if (!body) {
        if (tl === 'java') return { kind: 'unsupported', reason: 'The secret is not inside a class, where the helper method would go.', alternatives: [] };
        helperAt = text.length;
        helperText = `${text.endsWith('\n') ? '' : eol}${eol}${code(tpl.code)}`;
      } else {
        helperAt = body.insertAt;
        helperText = `${indent(code(tpl.code), body.indent, eol)}${eol}`;
      }
      break;
    }
  }
  if (defined) return imports;
  const blankFollows = /^\r?\n/.test(text.slice(helperAt)) || helperAt >= text.length;
  if (blankFollows && tl !== 'java' && tl !== 'csharp') helperText = helperText.replace(/(\r?\n)+$/, eol);
  return [...imports, { start: helperAt, end: helperAt, newText: helperText }];
}

/** An import line for the names a JS helper needs that the file does not bind yet (undefined when all are there). */
function jsImportLine(text: string, imp: JsImport, esm: boolean): string | undefined {
  const mod = escapeRe(imp.module);
  const existing = [...text.matchAll(new RegExp(`^.*(from\\s*|require\\(\\s*)['"]${mod}['"].*$`, 'gm'))].map((m) => m[0]).join('\n');
  const missing = imp.named.filter((n) => !new RegExp(`\\b${n}\\b`).test(existing));
  if (missing.length === 0) return undefined;
  return esm ? `import { ${missing.join(', ')} } from "${imp.module}";` : `const { ${missing.join(', ')} } = require("${imp.module}");`;
}

/** Where a Go declaration may go: after the last import declaration, else after the package clause. */
function goDeclsStart(text: string): number {
  const block = /^import\s*\([\s\S]*?^\)/m.exec(text);
  const singles = [...text.matchAll(/^import[ \t]+(?:[\w.]+[ \t]+)?"[^"]+".*$/gm)];
  const ends = [block ? block.index + block[0].length : -1, ...singles.map((m) => m.index! + m[0].length)];
  const end = Math.max(...ends);
  if (end >= 0) return nextLineStart(text, end);
  return afterImportsOffset(text, 'go');
}

/** The body of the outermost class/record/struct containing `offset`: where a member goes and its indentation. */
function classBodyAround(text: string, offset: number, lang: 'java' | 'csharp'): { insertAt: number; indent: string } | undefined {
  const code = codeOnly(text, lang, text.length);
  const re = /\b(class|record|struct|enum|interface)\s+[\w$]+[^{;]*\{/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const open = m.index + m[0].length - 1;
    if (open > offset) break;
    let depth = 0;
    let close = -1;
    for (let i = open; i < code.length; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}' && --depth === 0) { close = i; break; }
    }
    if (close < 0 || close < offset) continue;
    const classLine = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
    const baseIndent = /^[ \t]*/.exec(classLine)?.[0] ?? '';
    const firstMember = /\n([ \t]+)\S/.exec(text.slice(open, close));
    return { insertAt: nextLineStart(text, open), indent: firstMember?.[1] ?? `${baseIndent}    ` };
  }
  return undefined;
}

function indent(code: string, pad: string, eol: string): string {
  return code.replace(/\r?\n$/, '').split(/\r?\n/).map((l) => (l ? pad + l : l)).join(eol) + eol;
}
