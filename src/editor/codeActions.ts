import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../core';
import {
  isUnsupported,
  MANAGERS,
  planEnvVarFix,
  planInlineIgnore,
  planSecretsManagerFix,
  chooseDotenvEntry,
  SECRETS_MANAGERS,
  suggestName,
  type FixInput,
} from '../fixes';
import { CommandId } from './commandIds';
import type { LeaklessConfig } from './config';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { envFixCommand, readSideFile, type EnvFixArgs, type EnvFixKind } from './envFix';
import type { FindingsStore } from './findingsStore';
import { documentFixCommand } from './documentFix';
import { addIgnoreEntry, IGNORE_FILE } from './ignoreFile';
import type { Log } from './log';

/** What the provider needs. */
export interface CodeActionDeps {
  store: FindingsStore;
  config: () => LeaklessConfig;
  log: Log;
}

/** What the after-fix command does once VS Code has applied a fix's WorkspaceEdit (not the .env fixes: envFix.ts). */
export interface AfterFixArgs {
  /** Files the fix edited besides the document (the ignore file): saved to disk. */
  save: string[];
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

  /** Every quick fix at a range, disabled ones with their reasons included (vscode.executeCodeActionProvider drops those). */
  async quickFixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE && d.range.intersection(range));
    return this.provideCodeActions(doc, range, { diagnostics, only: undefined, triggerKind: vscode.CodeActionTriggerKind.Invoke });
  }

  private async actionsFor(doc: vscode.TextDocument, f: Finding, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const envUri = folder ? vscode.Uri.joinPath(folder.uri, this.deps.config().envFile) : undefined;
    const envText = envUri ? await readSideFile(envUri).catch(() => undefined) : undefined;
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
    out.push(this.envVarAction(doc, f, input, diagnostic, folder, envUri));
    if (folder && envUri && isUnsupported(planEnvVarFix(input)) && doc.uri.scheme === 'file') {
      out.push(this.keepInEnvAndIgnoreFileAction(doc, f, input, diagnostic, folder, envText));
    }
    // A document that cannot be edited gets no fix that edits it: the disabled env-var fix above says why.
    const editable = readOnlyReason(doc.uri) === undefined;
    // These edit only the document, but as a command that plans again from the text it finds (see documentFix.ts).
    const at = secretArgs(doc, f, input);
    for (const manager of editable ? SECRETS_MANAGERS : []) {
      const plan = planSecretsManagerFix(input, manager);
      if (isUnsupported(plan)) continue;
      const action = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = documentFixCommand({ ...at, fix: manager }, `${MANAGERS[manager].label} lookup`);
      out.push(action);
    }
    if (editable && !isUnsupported(planInlineIgnore(input))) {
      const action = new vscode.CodeAction('Ignore this secret here (leakless:allow)', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = documentFixCommand({ ...at, fix: 'inline' }, 'Ignore this secret here');
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

  private envVarAction(
    doc: vscode.TextDocument, f: Finding, input: FixInput, diagnostic: vscode.Diagnostic,
    folder: vscode.WorkspaceFolder | undefined, envUri: vscode.Uri | undefined,
  ): vscode.CodeAction {
    const plan = planEnvVarFix(input);
    const reason = readOnlyReason(doc.uri)
      ?? (isUnsupported(plan) ? `${plan.reason} ${plan.alternatives.join(' ')}` : undefined)
      ?? (!folder || !envUri ? noFolderReason(doc.uri) : undefined)
      ?? (envUri && vscode.workspace.fs.isWritableFileSystem(envUri.scheme) === false
        ? `The workspace's file system (${envUri.scheme}) is read-only, so the value cannot be kept in ${this.deps.config().envFile}; nothing was changed. Use a secrets manager, or open a writable copy.`
        : undefined);
    if (reason !== undefined || isUnsupported(plan)) {
      const action = new vscode.CodeAction('Replace with an environment variable', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.disabled = { reason: reason ?? '' };
      return action;
    }
    const action = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    // No edit: the command writes .env atomically first and edits the document only if that worked (see envFix.ts).
    action.command = envFixCommand(envFixArgs('replace', doc, f, input), plan.title);
    return action;
  }

  /** For files that cannot look a value up (JSON, …): keep the value in .env and git-ignore the file itself. */
  private keepInEnvAndIgnoreFileAction(
    doc: vscode.TextDocument, f: Finding, input: FixInput, diagnostic: vscode.Diagnostic,
    folder: vscode.WorkspaceFolder, envText: string | undefined,
  ): vscode.CodeAction {
    const fileRel = path.posix.relative(folder.uri.path, doc.uri.path);
    const kind = doc.languageId === 'plaintext' ? 'This file' : `A ${doc.languageId.toUpperCase()} file`;
    const wanted = suggestName(input.text, input.secretStart, input.ruleEnvVar, false);
    const choice = chooseDotenvEntry(envText, wanted, input.secret);
    const action = new vscode.CodeAction(
      `${kind} cannot read environment variables: keep the value in .env as ${choice.name} and git-ignore ${path.posix.basename(fileRel)}`,
      vscode.CodeActionKind.QuickFix,
    );
    action.diagnostics = [diagnostic];
    action.command = envFixCommand(envFixArgs('keep-and-ignore-file', doc, f, input), action.title);
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

/** Why a document's own file system rules out the fix, if it does. */
function readOnlyReason(uri: vscode.Uri): string | undefined {
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== false) return undefined;
  return `This document is on a read-only file system (${uri.scheme}): the secret cannot be replaced here and no .env file can be written; nothing was changed. Remove the secret where the file comes from and rotate it.`;
}

/** Why a document outside every workspace folder has no .env to keep the value in. */
function noFolderReason(uri: vscode.Uri): string {
  if (uri.scheme === 'untitled') return 'Save the file inside a workspace folder first: the value goes to that folder\'s .env file.';
  return `This document (${uri.scheme === 'file' ? 'on disk' : uri.scheme}) is not inside a workspace folder, so there is no folder .env file to keep the value in. Open its folder as a workspace, or use a secrets manager.`;
}

/** Where a finding's secret is, as the fix commands take it; holds the secret, so it stays in memory. */
function secretArgs(doc: vscode.TextDocument, f: Finding, input: FixInput): Omit<EnvFixArgs, 'kind'> {
  return {
    uri: doc.uri.toString(), version: doc.version, start: input.secretStart, end: input.secretEnd,
    ruleId: f.ruleId, fingerprint: f.fingerprint, secret: f.secret, ruleEnvVar: f.envVar,
  };
}

/** The command arguments of a .env fix for one finding. */
function envFixArgs(kind: EnvFixKind, doc: vscode.TextDocument, f: Finding, input: FixInput): EnvFixArgs {
  return { kind, ...secretArgs(doc, f, input) };
}

function afterFix(args: AfterFixArgs, title: string): vscode.Command {
  return { command: CommandId.afterFix, title, arguments: [args] };
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
