// Environment references for shells, Dockerfiles and configuration files, where values are often unquoted.
import type { Literal } from './lexer';
import { yamlFlavour, type FixLanguage } from './languages';
import { nextLineStart, eolOf } from './imports';
import type { Rendered } from './envCode';
import { isUnsupported, type TextEdit, type Unsupported } from './types';

/** What a config renderer gets; `lit` is absent when the secret is unquoted. */
export interface ConfigCtx {
  text: string;
  fileName: string;
  lit?: Literal;
  start: number;
  end: number;
  name: string;
}

type Renderer = (c: ConfigCtx) => Rendered | Unsupported;

const unsupported = (reason: string, alternatives: string[]): Unsupported => ({ kind: 'unsupported', reason, alternatives });
const secretEdit = (c: ConfigCtx, newText: string): TextEdit => ({ start: c.start, end: c.end, newText });

function whole(c: ConfigCtx): boolean {
  return !!c.lit && c.start === c.lit.contentStart && c.end === c.lit.contentEnd;
}

/** The unquoted word around the secret in a shell line (delimited by blanks and operators). */
function wordSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && !/[\s;|&()<>=]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !/[\s;|&()<>]/.test(text[e]!)) e++;
  return { start: s, end: e };
}

/** Inside a heredoc body: returns whether it expands variables, or undefined when not in one. */
function heredocAt(text: string, offset: number): 'expands' | 'literal' | undefined {
  const before = text.slice(0, offset);
  const re = /<<-?[ \t]*(['"]?)([A-Za-z_]\w*)\1/g;
  let found: 'expands' | 'literal' | undefined;
  for (let m = re.exec(before); m; m = re.exec(before)) {
    const bodyStart = nextLineStart(text, m.index);
    const terminator = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
    const body = text.slice(bodyStart, offset);
    if (bodyStart <= offset && !terminator.test(body)) found = m[1] ? 'literal' : 'expands';
  }
  return found;
}

/** Shell rules shared by scripts and Dockerfile RUN lines: `"${X}"` alone, `${X}` in double quotes, split singles. */
function shellEdit(c: ConfigCtx, ref: string, quoteWhole: boolean): TextEdit | Unsupported {
  const quoted = quoteWhole ? `"${ref}"` : ref;
  if (c.lit) {
    if (whole(c)) return { start: c.lit.start, end: c.lit.end, newText: quoted };
    if (c.lit.open === '"') return secretEdit(c, ref);
    const before = c.text.slice(c.lit.contentStart, c.start);
    const after = c.text.slice(c.end, c.lit.contentEnd);
    const wrap = (s: string): string => (s ? `${c.lit!.prefix}'${s}'` : '');
    return { start: c.lit.start, end: c.lit.end, newText: `${wrap(before)}"${ref}"${wrap(after)}` };
  }
  const doc = heredocAt(c.text, c.start);
  if (doc === 'literal') return unsupported('The secret is in a quoted heredoc, which never expands variables.', ['Unquote the heredoc delimiter (<<EOF) and apply the fix again.']);
  if (doc === 'expands') return secretEdit(c, ref);
  const word = wordSpan(c.text, c.start, c.end);
  if (word.start === c.start && word.end === c.end) return secretEdit(c, quoted);
  return secretEdit(c, `"${ref}"`);
}

const shell: Renderer = (c) => {
  const ref = `\${${c.name}}`;
  const edit = shellEdit(c, ref, true);
  if (isUnsupported(edit)) return edit;
  return {
    edits: [edit], lookup: `"${ref}"`,
    notes: ['The script reads the variable from its environment: export it, or load .env first (`set -a; . ./.env; set +a`).'],
  };
};

/** The Dockerfile instruction containing `offset`: its first line start, keyword and whether it is exec form. */
function dockerInstruction(text: string, offset: number): { start: number; keyword: string; exec: boolean } {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  while (start > 0) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const prev = text.slice(prevStart, start - 1).replace(/\r$/, '');
    if (!/\\\s*$/.test(prev)) break;
    start = prevStart;
  }
  const m = /^\s*([A-Za-z]+)\s+(\S)?/.exec(text.slice(start, start + 200));
  return { start: start + (m ? m[0].length - m[0].trimStart().length : 0), keyword: (m?.[1] ?? '').toUpperCase(), exec: m?.[2] === '[' };
}

const dockerfile: Renderer = (c) => {
  const ins = dockerInstruction(c.text, c.start);
  if (ins.exec) {
    return unsupported('The secret is in an exec-form (JSON array) instruction, where Docker does not expand variables.', [
      'Switch the instruction to shell form and apply the fix again.',
      'Use a build secret: RUN --mount=type=secret,id=… reads it from a file at build time only.',
    ]);
  }
  const ref = `\${${c.name}}`;
  const edit = shellEdit(c, ref, ins.keyword === 'RUN');
  if (isUnsupported(edit)) return edit;
  const edits: TextEdit[] = [edit];
  const stageStart = Math.max(0, c.text.slice(0, ins.start).search(/^FROM\b(?![\s\S]*^FROM\b)/im));
  const declared = new RegExp(`^\\s*ARG\\s+${c.name}(\\s|=|$)`, 'm').test(c.text.slice(stageStart, ins.start));
  if (!declared) {
    const indent = /^[ \t]*/.exec(c.text.slice(text0(c.text, ins.start), ins.start))?.[0] ?? '';
    edits.push({ start: ins.start - indent.length, end: ins.start - indent.length, newText: `${indent}ARG ${c.name}${eolOf(c.text)}` });
  }
  return {
    edits, lookup: ref,
    notes: [
      `Pass it at build time: docker build --build-arg ${c.name}=… (Compose: build.args).`,
      'Build arguments stay visible in the image history; for values used only while building prefer RUN --mount=type=secret.',
    ],
  };
};

function text0(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

const powershell: Renderer = (c) => {
  const expr = `$env:${c.name}`;
  const notes = ['PowerShell reads $env: from the process environment; set it in the session or load .env before running.'];
  if (!c.lit || whole(c)) {
    const span = c.lit ? { start: c.lit.start, end: c.lit.end } : { start: c.start, end: c.end };
    return { edits: [{ ...span, newText: expr }], notes, lookup: expr };
  }
  if (c.lit.open === '"') return { edits: [secretEdit(c, `\${env:${c.name}}`)], notes, lookup: expr };
  if (c.lit.open === "'") {
    const before = c.text.slice(c.lit.contentStart, c.start);
    const after = c.text.slice(c.end, c.lit.contentEnd);
    const parts = [before ? `'${before}'` : '', expr, after ? `'${after}'` : ''].filter(Boolean);
    return { edits: [{ start: c.lit.start, end: c.lit.end, newText: `(${parts.join(' + ')})` }], notes, lookup: expr };
  }
  if (c.lit.close === '"@') return { edits: [secretEdit(c, `\${env:${c.name}}`)], notes, lookup: expr };
  return unsupported('The secret is in a literal here-string (@\'…\'@), which never expands variables.', ['Change it to an expandable here-string (@"…"@) and apply the fix again.']);
};

/** True when the YAML value sits in a flow collection (`[a, b]`, `{k: v}`) on its line. */
function inYamlFlow(text: string, offset: number): boolean {
  const before = text.slice(text0(text, offset), offset);
  let depth = 0;
  for (const ch of before) { if (ch === '[' || ch === '{') depth++; else if (ch === ']' || ch === '}') depth--; }
  return depth > 0;
}

/** The ref replaces a quoted literal whole, or the secret within it/within a plain scalar. */
function refEdit(c: ConfigCtx, ref: string, flowQuote: boolean): TextEdit {
  if (c.lit && whole(c)) return { start: c.lit.start, end: c.lit.end, newText: flowQuote ? `"${ref}"` : ref };
  if (c.lit && c.lit.open === "'") return secretEdit(c, ref);
  if (!c.lit && flowQuote) {
    const before = c.text.slice(text0(c.text, c.start), c.start);
    if (/[[{,:]\s*$/.test(before)) return secretEdit(c, `"${ref}"`);
  }
  return secretEdit(c, ref);
}

const yaml: Renderer = (c) => {
  const flavour = yamlFlavour(c.fileName, c.text);
  const flow = inYamlFlow(c.text, c.start);
  if (flavour === 'kubernetes') {
    return unsupported('Kubernetes manifests do not expand environment variables.', [
      'Store the value in a Kubernetes Secret (kubectl create secret generic …) and reference it with valueFrom.secretKeyRef.',
      'Use a secrets manager with the External Secrets Operator or the CSI secrets-store driver.',
      'Render the manifest with envsubst or a Helm value kept out of version control.',
    ]);
  }
  if (flavour === 'github-actions') {
    const ref = `\${{ secrets.${c.name} }}`;
    return {
      edits: [refEdit(c, ref, flow)], lookup: ref,
      notes: [
        `Add the value as a repository or environment secret named ${c.name}: Settings → Secrets and variables → Actions, or \`gh secret set ${c.name}\`.`,
        'GitHub masks secrets in logs; the value no longer lives in the repository.',
      ],
    };
  }
  const ref = `\${${c.name}}`;
  const notes: Record<string, string> = {
    compose: 'Docker Compose substitutes ${…} from the shell environment and from the .env file next to the compose file.',
    spring: 'Spring resolves ${…} from environment variables at startup.',
    generic: 'This works only if the program reading this file expands ${…} from the environment (Docker Compose, Spring and many config loaders do).',
  };
  return { edits: [refEdit(c, ref, flow)], lookup: ref, notes: [notes[flavour] ?? notes.generic!] };
};

const properties: Renderer = (c) => {
  const ref = `\${${c.name}}`;
  return {
    edits: [secretEdit(c, ref)], lookup: ref,
    notes: ['Spring (and other loaders with placeholder support) resolve ${…} from environment variables; plain java.util.Properties does not.'],
  };
};

const terraform: Renderer = (c) => {
  if (/\.tfvars$/i.test(c.fileName)) {
    return unsupported('A .tfvars file holds literal values only; it cannot refer to the environment.', [
      `Delete the entry and set TF_VAR_${c.name.toLowerCase()} in the environment instead.`,
      'Git-ignore the .tfvars file that holds secrets, or read the value from a secrets manager data source.',
    ]);
  }
  const v = c.name.toLowerCase();
  const ref = `var.${v}`;
  const edits: TextEdit[] = [];
  if (c.lit && whole(c)) edits.push({ start: c.lit.start, end: c.lit.end, newText: ref });
  else if (c.lit) edits.push(secretEdit(c, `\${${ref}}`));
  else edits.push(secretEdit(c, ref));
  if (!new RegExp(`^\\s*variable\\s+"${v}"`, 'm').test(c.text)) {
    const eol = eolOf(c.text);
    const sep = c.text.length === 0 ? '' : c.text.endsWith('\n') ? eol : eol + eol;
    edits.push({
      start: c.text.length, end: c.text.length,
      newText: `${sep}variable "${v}" {${eol}  type      = string${eol}  sensitive = true${eol}}${eol}`,
    });
  }
  return {
    edits, lookup: ref,
    notes: [`Terraform reads TF_VAR_${v} from the environment; \`sensitive = true\` keeps the value out of plans and logs (it still lands in the state file).`],
  };
};

/** Renderers for shells and config formats. */
export const CONFIG_RENDERERS: Readonly<Partial<Record<FixLanguage, Renderer>>> = {
  shell, dockerfile, powershell, yaml, properties, terraform,
};
