// "Replace with an environment variable": the plan for one finding, in the file's own language.
import { placeOf } from './lexer';
import { resolveLanguage, yamlFlavour, type FixLanguage } from './languages';
import { suggestName } from './naming';
import { chooseDotenvEntry } from './dotenv';
import { CODE_RENDERERS, type Rendered } from './envCode';
import { CONFIG_RENDERERS } from './envConfig';
import { isUnsupported, type EnvVarPlan, type FixInput, type Unsupported } from './types';

/** What to do instead when a file cannot refer to the environment. */
export const MOVE_ALTERNATIVES: readonly string[] = [
  'Move the value into the git-ignored .env file and read it from the code that loads this file.',
  'Keep the value in a secrets manager (AWS Secrets Manager, HashiCorp Vault, CyberArk Conjur, Azure Key Vault, Google Secret Manager) and fetch it at run time.',
  'If the value must stay here for now, rotate it once it is out of version control, and ignore this finding in the workspace.',
];

const NO_LOOKUP: Partial<Record<FixLanguage, string>> = {
  json: 'JSON has no variables, comments or environment lookups, so the value cannot be replaced in place.',
  dotenv: 'This is an environment file already: the value belongs here, but the file must stay out of version control.',
  plaintext: 'Plain text has no way to refer to an environment variable.',
  markdown: 'Markdown has no way to refer to an environment variable; replace the value with a placeholder such as <YOUR_TOKEN>.',
  html: 'HTML cannot read environment variables; anything served to a browser is public.',
  css: 'CSS cannot read environment variables.',
  xml: 'XML has no standard environment lookup; the program that reads the file must supply the value.',
  ini: 'INI files have no standard environment lookup.',
  toml: 'TOML has no environment lookup; the program that reads the file must supply the value.',
  sql: 'SQL scripts have no portable environment lookup.',
  lua: 'No environment lookup is generated for this language yet.',
  c: 'No environment lookup is generated for C or C++ yet.',
};

/** Plans replacing the secret with an environment-variable lookup, plus the .env entry that keeps its value. */
export function planEnvVarFix(input: FixInput): EnvVarPlan | Unsupported {
  const lang = resolveLanguage(input.languageId, input.fileName);
  const noLookup = NO_LOOKUP[lang];
  if (noLookup) {
    const alternatives = lang === 'dotenv'
      ? ['Add this file to .gitignore (the "Git-ignore the .env file" fix) and remove it from the repository history if it was committed.', MOVE_ALTERNATIVES[1]!]
      : lang === 'markdown' ? ['Replace the value with a placeholder such as <YOUR_TOKEN>.', ...MOVE_ALTERNATIVES.slice(1)] : [...MOVE_ALTERNATIVES];
    return { kind: 'unsupported', reason: noLookup, alternatives };
  }
  if (input.text.slice(input.secretStart, input.secretEnd) !== input.secret) {
    return { kind: 'unsupported', reason: 'The document changed since the secret was found; scan it again.', alternatives: [] };
  }
  const place = placeOf(input.text, input.secretStart, lang);
  if (place.kind === 'comment') {
    return {
      kind: 'unsupported',
      reason: 'The secret is inside a comment, where no lookup can replace it.',
      alternatives: ['Delete the value from the comment, then rotate it: it has been in the file.', ...MOVE_ALTERNATIVES.slice(1)],
    };
  }
  const lit = place.kind === 'string' ? place.literal : undefined;
  if (lit && input.secretEnd > lit.contentEnd) {
    return { kind: 'unsupported', reason: 'The secret runs past the end of its string literal.', alternatives: [...MOVE_ALTERNATIVES] };
  }
  const embedded = lit ? input.secretStart !== lit.contentStart || input.secretEnd !== lit.contentEnd : isEmbeddedBare(input);
  const wanted = suggestName(input.text, lit ? lit.start : bareValueStart(input), input.ruleEnvVar, embedded);

  const code = CODE_RENDERERS[lang];
  const config = CONFIG_RENDERERS[lang];
  if (code && !lit) {
    return {
      kind: 'unsupported',
      reason: 'The secret is not inside a string literal, so there is no value to replace with a lookup.',
      alternatives: [...MOVE_ALTERNATIVES],
    };
  }

  const ghActions = lang === 'yaml' && yamlFlavour(input.fileName, input.text) === 'github-actions';
  if (ghActions) {
    const name = wanted.replace(/^GITHUB_/, 'GH_');
    const r = config!({ text: input.text, fileName: input.fileName, lit, start: input.secretStart, end: input.secretEnd, name });
    if (isUnsupported(r)) return r;
    return plan(`Replace with the Actions secret ${name}`, name, r, 'unchanged', 'github-actions-secret');
  }

  const tf = lang === 'terraform';
  const choice = chooseDotenvEntry(input.envFileText, tf ? `TF_VAR_${wanted.toLowerCase()}` : wanted, input.secret);
  const name = tf ? choice.name.replace(/^TF_VAR_/, '') : choice.name;
  let r: Rendered | Unsupported;
  if (code && lit) r = code({ text: input.text, fileName: input.fileName, languageId: input.languageId, lit, start: input.secretStart, end: input.secretEnd, name });
  else if (config) r = config({ text: input.text, fileName: input.fileName, lit, start: input.secretStart, end: input.secretEnd, name });
  else return { kind: 'unsupported', reason: 'No environment lookup is generated for this file type.', alternatives: [...MOVE_ALTERNATIVES] };
  if (isUnsupported(r)) return r;
  const notes = choice.reused ? [`.env already holds this value as ${choice.name}; it is reused.`, ...r.notes] : r.notes;
  const where = choice.envFileEdit === 'unchanged' ? '' : ' (adds it to .env)';
  return plan(`Replace with ${r.lookup}${where}`, tf ? choice.name : name, { ...r, notes }, choice.envFileEdit, 'dotenv');
}

function plan(title: string, varName: string, r: Rendered, envFileEdit: EnvVarPlan['envFileEdit'], store: EnvVarPlan['store']): EnvVarPlan {
  return { kind: 'ok', title, varName, edits: r.edits, envFileEdit, store, notes: r.notes };
}

/** Where an unquoted value starts: after a leading `key:`/`KEY=`/`ENV KEY=` on the line, else at its word. */
function bareValueStart(input: FixInput): number {
  const lineStart = input.text.lastIndexOf('\n', input.secretStart - 1) + 1;
  const before = input.text.slice(lineStart, input.secretStart);
  const key = /^\s*(?:-\s+)?(?:(?:export|ENV|ARG|set|readonly|declare)\s+)?["']?[\w.$-]+["']?\s*(?::\s+|:$|=\s*)/.exec(before);
  if (/[{,[]\s*["']?[\w.$-]+["']?\s*:\s*$/.test(before)) return input.secretStart; // YAML flow `{key: value}`
  if (key) return lineStart + key[0].length;
  const word = /\S*$/.exec(before);
  return input.secretStart - (word ? word[0].length : 0);
}

/** True when an unquoted secret is only part of its value (`user:PASS@host`, `Bearer TOKEN`). */
function isEmbeddedBare(input: FixInput): boolean {
  const valueStart = bareValueStart(input);
  const lineEnd = input.text.indexOf('\n', input.secretEnd);
  const rest = /^\S*/.exec(input.text.slice(input.secretEnd, lineEnd < 0 ? input.text.length : lineEnd))?.[0] ?? '';
  const lead = input.text.slice(valueStart, input.secretStart).trim();
  return lead.length > 0 || rest.length > 0;
}
