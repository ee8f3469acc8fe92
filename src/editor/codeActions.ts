import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../core';
import {
  isUnsupported,
  MANAGERS,
  planEnvVarFix,
  planGitignore,
  planInlineIgnore,
  planSecretsManagerFix,
  chooseDotenvEntry,
  SECRETS_MANAGERS,
  suggestName,
  type FixInput,
  type TextEdit as PlannedEdit,
} from '../fixes';
import { runGit } from '../node/git';
import { CommandId } from './commandIds';
import type { LeaklessConfig } from './config';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { FindingsStore } from './findingsStore';
import { addIgnoreEntry, IGNORE_FILE } from './ignoreFile';
import type { Log } from './log';

/** What the provider needs. */
export interface CodeActionDeps {
  store: FindingsStore;
  config: () => LeaklessConfig;
  log: Log;
}

/** What the after-fix command does once VS Code has applied a fix's WorkspaceEdit. */
export interface AfterFixArgs {
  /** Files the fix edited besides the document (.env, .gitignore, the ignore file): saved to disk. */
  save: string[];
  /** A .env file the fix created: made owner-only before the value is written to disk. */
  restrict?: string;
  /** Set when git tracks the .env file: the user is warned. */
  trackedEnv?: string;
  notes: string[];
}

/** Offers the quick fixes for a Leakless diagnostic: env var (preferred), secrets managers, ignores, guide. */
export class LeaklessCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly deps: CodeActionDeps) {}

  async provideCodeActions(
    doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = this.deps.store.at(doc.uri, diagnostic.range.start);
      if (!finding || doc.getText(diagnostic.range) !== finding.secret) continue; // stale: wait for the re-scan
      try {
        actions.push(...(await this.actionsFor(doc, finding, diagnostic)));
      } catch (e) {
        this.deps.log.error(`Could not compute fixes for ${finding.ruleId} (${finding.masked}): ${(e as Error).stack ?? String(e)}`);
      }
    }
    return actions;
  }

  private async actionsFor(doc: vscode.TextDocument, f: Finding, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const envUri = folder ? vscode.Uri.joinPath(folder.uri, this.deps.config().envFile) : undefined;
    const envText = envUri ? await readText(envUri) : undefined;
    const input: FixInput = {
      languageId: doc.languageId,
      fileName: doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path,
      text: doc.getText(),
      secretStart: doc.offsetAt(diagnostic.range.start),
      secretEnd: doc.offsetAt(diagnostic.range.end),
      secret: f.secret,
      ruleEnvVar: f.envVar,
      ruleId: f.ruleId,
      ...(envText !== undefined ? { envFileText: envText } : {}),
    };
    const out: vscode.CodeAction[] = [];
    out.push(await this.envVarAction(doc, input, diagnostic, folder, envUri, envText));
    if (folder && envUri && isUnsupported(planEnvVarFix(input)) && doc.uri.scheme === 'file') {
      out.push(await this.keepInEnvAndIgnoreFileAction(doc, input, diagnostic, folder, envUri, envText));
    }
    for (const manager of SECRETS_MANAGERS) {
      const plan = planSecretsManagerFix(input, manager);
      if (isUnsupported(plan)) continue;
      const action = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(doc.uri, plan.edits.map((e) => toVsEdit(doc, e)));
      const notes = [...plan.notes, ...plan.dependencies.map((d) => `Add the dependency: ${d}`)];
      action.command = afterFix({ save: [], notes }, `${MANAGERS[manager].label} lookup`);
      out.push(action);
    }
    const inline = planInlineIgnore(input);
    if (!isUnsupported(inline)) {
      const action = new vscode.CodeAction('Ignore this secret here (leakless:allow)', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(doc.uri, [toVsEdit(doc, inline)]);
      out.push(action);
    }
    if (folder) out.push(await this.ignoreInWorkspaceAction(doc, f, diagnostic, folder));
    const disable = new vscode.CodeAction(`Disable rule ${f.ruleId}`, vscode.CodeActionKind.QuickFix);
    disable.diagnostics = [diagnostic];
    disable.command = { command: CommandId.disableRule, title: 'Disable rule', arguments: [f.ruleId] };
    out.push(disable);
    const guide = new vscode.CodeAction(`Show how to remediate a leaked ${f.name}`, vscode.CodeActionKind.QuickFix);
    guide.diagnostics = [diagnostic];
    guide.command = { command: CommandId.showRemediation, title: 'Show how to remediate', arguments: [f.ruleId] };
    out.push(guide);
    return out;
  }

  private async envVarAction(
    doc: vscode.TextDocument, input: FixInput, diagnostic: vscode.Diagnostic,
    folder: vscode.WorkspaceFolder | undefined, envUri: vscode.Uri | undefined, envText: string | undefined,
  ): Promise<vscode.CodeAction> {
    const plan = planEnvVarFix(input);
    const readOnly = envUri !== undefined && vscode.workspace.fs.isWritableFileSystem(envUri.scheme) === false;
    if (isUnsupported(plan) || !folder || !envUri || readOnly) {
      const reason = isUnsupported(plan)
        ? `${plan.reason} ${plan.alternatives.join(' ')}`
        : readOnly
          ? `The workspace's file system (${envUri.scheme}) is read-only, so the value cannot be kept in ${this.deps.config().envFile}; nothing was changed. Use a secrets manager, or open a writable copy.`
          : 'Save the file inside a workspace folder first: the value goes to that folder\'s .env file.';
      const action = new vscode.CodeAction('Replace with an environment variable', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.disabled = { reason };
      return action;
    }
    const action = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    // The value is written first: if the .env part cannot be applied, the code still holds the secret.
    const edit = new vscode.WorkspaceEdit();
    const args: AfterFixArgs = { save: [], notes: plan.notes };
    if (plan.envFileEdit !== 'unchanged') {
      appendFileEdit(edit, envUri, envText, plan.envFileEdit.newText);
      args.save.push(envUri.toString());
      if (envText === undefined) args.restrict = envUri.toString();
      const envRel = path.posix.relative(folder.uri.path, envUri.path);
      const git = await gitStatusOf(folder.uri, envRel);
      if (git.tracked) args.trackedEnv = envRel;
      if (!git.ignored) {
        const gitignoreUri = vscode.Uri.joinPath(folder.uri, '.gitignore');
        const gitignoreText = await readText(gitignoreUri);
        const planned = planGitignore(gitignoreText, envRel);
        if (planned !== 'unchanged') {
          appendFileEdit(edit, gitignoreUri, gitignoreText, planned.newText);
          args.save.push(gitignoreUri.toString());
        }
      }
    }
    edit.set(doc.uri, plan.edits.map((e) => toVsEdit(doc, e)));
    action.edit = edit;
    action.command = afterFix(args, plan.title);
    return action;
  }

  /** For files that cannot look a value up (JSON, …): keep the value in .env and git-ignore the file itself. */
  private async keepInEnvAndIgnoreFileAction(
    doc: vscode.TextDocument, input: FixInput, diagnostic: vscode.Diagnostic,
    folder: vscode.WorkspaceFolder, envUri: vscode.Uri, envText: string | undefined,
  ): Promise<vscode.CodeAction> {
    const fileRel = path.posix.relative(folder.uri.path, doc.uri.path);
    const kind = doc.languageId === 'plaintext' ? 'This file' : `A ${doc.languageId.toUpperCase()} file`;
    const wanted = suggestName(input.text, input.secretStart, input.ruleEnvVar, false);
    const choice = chooseDotenvEntry(envText, wanted, input.secret);
    const action = new vscode.CodeAction(
      `${kind} cannot read environment variables: keep the value in .env as ${choice.name} and git-ignore ${path.posix.basename(fileRel)}`,
      vscode.CodeActionKind.QuickFix,
    );
    action.diagnostics = [diagnostic];
    const edit = new vscode.WorkspaceEdit();
    const args: AfterFixArgs = {
      save: [],
      notes: [`${fileRel} is now git-ignored; load it from .env (${choice.name}) where it is generated, and rotate the secret if the file was ever committed.`],
    };
    if (choice.envFileEdit !== 'unchanged') {
      appendFileEdit(edit, envUri, envText, choice.envFileEdit.newText);
      args.save.push(envUri.toString());
      if (envText === undefined) args.restrict = envUri.toString();
    }
    const gitignoreUri = vscode.Uri.joinPath(folder.uri, '.gitignore');
    const gitignoreText = await readText(gitignoreUri);
    let nextGitignore = gitignoreText;
    for (const rel of [path.posix.relative(folder.uri.path, envUri.path), fileRel]) {
      if ((await gitStatusOf(folder.uri, rel)).ignored) continue;
      const planned = planGitignore(nextGitignore, rel);
      if (planned !== 'unchanged') nextGitignore = planned.newText;
    }
    if (nextGitignore !== undefined && nextGitignore !== gitignoreText) {
      appendFileEdit(edit, gitignoreUri, gitignoreText, nextGitignore);
      args.save.push(gitignoreUri.toString());
    }
    const tracked = await gitStatusOf(folder.uri, fileRel);
    if (tracked.tracked) args.trackedEnv = fileRel;
    action.edit = edit;
    action.command = afterFix(args, action.title);
    return action;
  }

  private async ignoreInWorkspaceAction(
    doc: vscode.TextDocument, f: Finding, diagnostic: vscode.Diagnostic, folder: vscode.WorkspaceFolder,
  ): Promise<vscode.CodeAction> {
    const action = new vscode.CodeAction('Ignore this secret in this workspace', vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    const uri = vscode.Uri.joinPath(folder.uri, IGNORE_FILE);
    const existing = await readText(uri);
    const next = addIgnoreEntry(existing, f, vscode.workspace.asRelativePath(doc.uri, false));
    if (next === undefined) {
      action.disabled = { reason: `${IGNORE_FILE} is not valid; fix it first (see the Leakless output).` };
      return action;
    }
    action.edit = new vscode.WorkspaceEdit();
    if (existing === undefined) {
      action.edit.createFile(uri, { ignoreIfExists: true });
      action.edit.insert(uri, new vscode.Position(0, 0), next);
    } else {
      const end = endPosition(existing);
      action.edit.replace(uri, new vscode.Range(new vscode.Position(0, 0), end), next);
    }
    action.command = afterFix({ save: [uri.toString()], notes: [`Commit ${IGNORE_FILE} so that everyone's editor and CI ignore it.`] }, 'Ignore in workspace');
    return action;
  }
}

function afterFix(args: AfterFixArgs, title: string): vscode.Command {
  return { command: CommandId.afterFix, title, arguments: [args] };
}

function toVsEdit(doc: vscode.TextDocument, e: PlannedEdit): vscode.TextEdit | vscode.SnippetTextEdit {
  const range = new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end));
  return e.isSnippet ? new vscode.SnippetTextEdit(range, new vscode.SnippetString(e.newText)) : vscode.TextEdit.replace(range, e.newText);
}

/** Adds to `edit` the change from `oldText` to `newText` of a file: created when missing, else appended to. */
function appendFileEdit(edit: vscode.WorkspaceEdit, uri: vscode.Uri, oldText: string | undefined, newText: string): void {
  if (oldText === undefined) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), newText);
  } else if (newText.startsWith(oldText)) {
    edit.insert(uri, endPosition(oldText), newText.slice(oldText.length));
  } else {
    edit.replace(uri, new vscode.Range(new vscode.Position(0, 0), endPosition(oldText)), newText);
  }
}

function endPosition(text: string): vscode.Position {
  const lines = text.split(/\r\n|\r|\n/);
  return new vscode.Position(lines.length - 1, lines[lines.length - 1]!.length);
}

/** A file's text: the open document's (unsaved edits included) or the file on disk; undefined when missing. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Whether git ignores or tracks a path of a folder; both false outside a repository or without git. */
async function gitStatusOf(folder: vscode.Uri, rel: string): Promise<{ ignored: boolean; tracked: boolean }> {
  if (folder.scheme !== 'file') return { ignored: false, tracked: false };
  const [ignored, tracked] = await Promise.all([
    runGit(['check-ignore', '-q', '--', rel], folder.fsPath),
    runGit(['ls-files', '--error-unmatch', '--', rel], folder.fsPath),
  ]);
  return { ignored: ignored?.code === 0, tracked: tracked?.code === 0 };
}
