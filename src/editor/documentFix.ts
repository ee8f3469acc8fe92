// The quick fixes that edit only the document (a secrets-manager lookup, an inline allow marker), run as a command:
// a WorkspaceEdit computed when the menu opened would be applied as it is even if the document changed since (VS Code
// checks the version only for edits it applies from its own menu). The command finds the secret in the current text,
// plans again and applies the edit to the version it planned from. The secret travels in memory only: never log it.
import * as vscode from 'vscode';
import {
  isUnsupported,
  planInlineIgnore,
  planSecretsManagerFix,
  SECRETS_MANAGERS,
  type FixInput,
  type SecretsManager,
  type TextEdit as PlannedEdit,
} from '../fixes';
import { CommandId } from './commandIds';
import { locateSecret, type SecretAt } from './envFix';
import type { FindingsStore } from './findingsStore';
import type { Log } from './log';

/** The arguments of CommandId.applyDocumentFix: which fix, and where the secret was when it was offered. */
export interface DocumentFixArgs extends SecretAt {
  /** A secrets manager's id, or `inline` for the allow marker. */
  fix: SecretsManager | 'inline';
  uri: string;
  ruleEnvVar: string;
}

/** What the command needs. */
export interface DocumentFixDeps {
  store: FindingsStore;
  log: Log;
}

/** The command a document-only quick fix runs. */
export function documentFixCommand(args: DocumentFixArgs, title: string): vscode.Command {
  return { command: CommandId.applyDocumentFix, title, arguments: [args] };
}

const ATTEMPTS = 3;

/** Runs a document-only quick fix on the current text; if it cannot, nothing is changed and the user is told why. */
export async function applyDocumentFix(deps: DocumentFixDeps, raw: unknown): Promise<void> {
  const args = parseArgs(raw);
  if (!args) {
    deps.log.warn('Leakless: a quick fix was called without valid arguments; nothing was changed.');
    return;
  }
  const uri = vscode.Uri.parse(args.uri);
  const name = vscode.workspace.asRelativePath(uri, false);
  const tell = (message: string, level: 'info' | 'error'): void => {
    deps.log[level](message);
    void (level === 'info' ? vscode.window.showInformationMessage(message) : vscode.window.showErrorMessage(message));
  };
  try {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri) ?? (await vscode.workspace.openTextDocument(uri));
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const version = doc.version;
      const text = doc.getText();
      const at = locateSecret(doc.uri, text, args, deps.store);
      if (!at) return tell(`Leakless: the secret is no longer in ${name}; nothing was changed.`, 'info');
      const input: FixInput = {
        languageId: doc.languageId,
        fileName: doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path,
        text, secretStart: at.start, secretEnd: at.end, secret: args.secret, ruleEnvVar: args.ruleEnvVar, ruleId: args.ruleId,
      };
      const plan = planFor(input, args.fix);
      if (typeof plan === 'string') return tell(`Leakless: ${plan} Nothing was changed.`, 'error');
      if (doc.version !== version) continue;
      const edit = new vscode.WorkspaceEdit();
      edit.set(doc.uri, plan.edits.map((e) => toVsEdit(doc, e)));
      if (await vscode.workspace.applyEdit(edit)) {
        for (const note of plan.notes) deps.log.info(note);
        return;
      }
      if (doc.version === version) return tell(`Leakless: VS Code did not apply the edit to ${name}; nothing was changed.`, 'error');
    }
    tell(`Leakless: ${name} kept changing while the fix was applied; nothing was changed. Try again.`, 'error');
  } catch (e) {
    tell(`Leakless: the fix failed (${e instanceof Error ? e.message : String(e)}); nothing was changed.`, 'error');
  }
}

/** The edits and notes of a fix for the current text, or why there are none. */
function planFor(input: FixInput, fix: DocumentFixArgs['fix']): { edits: PlannedEdit[]; notes: string[] } | string {
  if (fix === 'inline') {
    const planned = planInlineIgnore(input);
    return isUnsupported(planned) ? planned.reason : { edits: [planned], notes: [] };
  }
  const planned = planSecretsManagerFix(input, fix);
  if (isUnsupported(planned)) return planned.reason;
  return { edits: planned.edits, notes: [...planned.notes, ...planned.dependencies.map((d) => `Add the dependency: ${d}`)] };
}

/** A planned edit as VS Code's: a snippet (placeholders to fill) or plain text. */
export function toVsEdit(doc: vscode.TextDocument, e: PlannedEdit): vscode.TextEdit | vscode.SnippetTextEdit {
  const range = new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end));
  return e.isSnippet ? new vscode.SnippetTextEdit(range, new vscode.SnippetString(e.newText)) : vscode.TextEdit.replace(range, e.newText);
}

function parseArgs(raw: unknown): DocumentFixArgs | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const a = raw as Record<string, unknown>;
  const strings = ['uri', 'ruleId', 'fingerprint', 'secret', 'ruleEnvVar'].every((k) => typeof a[k] === 'string');
  const numbers = ['start', 'end'].every((k) => typeof a[k] === 'number');
  const fix = a['fix'];
  const known = fix === 'inline' || SECRETS_MANAGERS.some((m) => m === fix);
  return strings && numbers && known ? (a as unknown as DocumentFixArgs) : undefined;
}
