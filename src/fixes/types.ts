// Plain data exchanged with the quick-fix planners: text in, edits out. No `vscode` here.

/** One replacement in the document: UTF-16 offsets into the ORIGINAL text; edits of one plan never overlap. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /** True when newText is a VS Code snippet (`${1:name}` placeholders, `\$` escapes); apply as a SnippetTextEdit. */
  isSnippet?: boolean;
}

/** What a planner needs to know about one finding and its document. */
export interface FixInput {
  /** VS Code language id (`typescript`, `python`, `shellscript`, ...); the file name refines it. */
  languageId: string;
  /** Path of the document, workspace-relative or absolute, with `/` or `\` separators. */
  fileName: string;
  /** The whole document. */
  text: string;
  /** Offsets of the secret itself in `text`. */
  secretStart: number;
  secretEnd: number;
  secret: string;
  /** The rule's suggested variable name, used when the code gives no better one. */
  ruleEnvVar: string;
  ruleId: string;
  /** Current content of the .env file, or undefined when there is none. */
  envFileText?: string;
}

/** Where the secret's value goes once it leaves the code. */
export type ValueStore = 'dotenv' | 'github-actions-secret';

/** A fix that can be applied. */
export interface EnvVarPlan {
  kind: 'ok';
  title: string;
  /** The environment variable (or Terraform variable / CI secret) that now holds the value. */
  varName: string;
  edits: TextEdit[];
  /** The new full .env text, or 'unchanged' when the value is already there (or does not belong in .env). */
  envFileEdit: { newText: string } | 'unchanged';
  /** Where the user must keep the value: the .env file, or the CI system's secret store. */
  store: ValueStore;
  /** Short facts the user should know (how the value is read, what to do next). */
  notes: string[];
}

/** The file type cannot express the fix; says why and what to do instead. */
export interface Unsupported {
  kind: 'unsupported';
  reason: string;
  alternatives: string[];
}

/** The secrets managers we can write lookups for. */
export type SecretsManager = 'aws' | 'vault' | 'conjur' | 'azure' | 'gcp';
export const SECRETS_MANAGERS: readonly SecretsManager[] = ['aws', 'vault', 'conjur', 'azure', 'gcp'];

/** A secrets-manager lookup: helper + imports inserted once, literal replaced by a call (a snippet edit). */
export interface SecretsManagerPlan {
  kind: 'ok';
  title: string;
  edits: TextEdit[];
  /** Packages the user must add, e.g. `npm install @aws-sdk/client-secrets-manager`. */
  dependencies: string[];
  notes: string[];
}

/** Narrows a planner result to the "cannot do it here" case. */
export function isUnsupported<T extends object>(x: T | Unsupported): x is Unsupported {
  return 'kind' in x && x.kind === 'unsupported';
}
