// The .env quick fixes, run as a command rather than a WorkspaceEdit: a WorkspaceEdit can neither write a file
// atomically nor notice that the document changed since it was computed. The command re-plans from the current text,
// appends to .env and .gitignore atomically, and only then edits the document; if that edit fails, both files are put
// back as they were. The secret travels in the command's arguments, in memory only: never log them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  chooseDotenvEntry,
  isUnsupported,
  planEnvVarFix,
  planGitignore,
  suggestName,
  type TextEdit as PlannedEdit,
} from '../fixes';
import { appendFileAtomic, readTextFile, writeAllThen, type AtomicWrite } from '../node/atomicWrite';
import { runGit } from '../node/git';
import { CommandId } from './commandIds';
import type { LeaklessConfig } from './config';
import type { FindingsStore } from './findingsStore';
import type { Log } from './log';

/** Which .env fix: replace the literal with a lookup, or keep the value in .env and git-ignore the whole file. */
export type EnvFixKind = 'replace' | 'keep-and-ignore-file';

/** Where a secret was when a quick fix was offered, and what it is (kept in memory, never logged). */
export interface SecretAt {
  start: number;
  end: number;
  ruleId: string;
  fingerprint: string;
  /** The raw secret. */
  secret: string;
}

/** The arguments of CommandId.applyEnvFix: where the secret was when the quick fix was offered. */
export interface EnvFixArgs extends SecretAt {
  kind: EnvFixKind;
  uri: string;
  /** The document version the offsets belong to. */
  version: number;
  ruleEnvVar: string;
}

/** What the command needs. */
export interface EnvFixDeps {
  store: FindingsStore;
  config: () => LeaklessConfig;
  log: Log;
}

/** The command a .env quick fix runs. */
export function envFixCommand(args: EnvFixArgs, title: string): vscode.Command {
  return { command: CommandId.applyEnvFix, title, arguments: [args] };
}

/** A file the fix appends to, with the text it was planned from. */
interface SideFile {
  uri: vscode.Uri;
  before: string | undefined;
  after: string;
  newFileMode: number;
}

/** Everything one attempt changes, computed from one version of the document. */
interface Plan {
  edits: PlannedEdit[];
  files: SideFile[];
  trackedEnv?: string;
  notes: string[];
}

/** Why the fix stops, in words for the user; `info` when nothing went wrong (the secret is simply gone). */
class Refusal extends Error {
  constructor(message: string, readonly level: 'info' | 'error' = 'error') {
    super(message);
  }
}

const ATTEMPTS = 3;

/** Runs a .env quick fix; on any failure nothing is changed and the user is told why. */
export async function applyEnvFix(deps: EnvFixDeps, raw: unknown): Promise<void> {
  const args = parseArgs(raw);
  if (!args) {
    deps.log.warn('Leakless: the environment-variable fix was called without valid arguments; nothing was changed.');
    return;
  }
  const uri = vscode.Uri.parse(args.uri);
  const name = vscode.workspace.asRelativePath(uri, false);
  try {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri) ?? (await vscode.workspace.openTextDocument(uri));
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const version = doc.version;
      const plan = await planNow(deps, doc, args);
      if (doc.version !== version) continue;
      if (await applyPlan(doc, version, plan, name)) {
        finish(deps.log, plan);
        return;
      }
    }
    throw new Refusal(`Leakless: ${name} kept changing while the fix was applied; nothing was changed. Try again.`);
  } catch (e) {
    const message = e instanceof Refusal ? e.message : `Leakless: the fix failed (${(e as Error).message}); nothing was changed.`;
    if (e instanceof Refusal && e.level === 'info') {
      deps.log.info(message);
      void vscode.window.showInformationMessage(message);
    } else {
      deps.log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }
}

/** Plans the fix from the document's current text and the files on disk. Throws a Refusal when it cannot be done. */
async function planNow(deps: EnvFixDeps, doc: vscode.TextDocument, args: EnvFixArgs): Promise<Plan> {
  const name = vscode.workspace.asRelativePath(doc.uri, false);
  const text = doc.getText();
  const at = locateSecret(doc.uri, text, args, deps.store);
  if (!at) throw new Refusal(`Leakless: the secret is no longer in ${name}; nothing was changed.`, 'info');
  if (vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false) {
    throw new Refusal(`Leakless: ${name} is on a read-only file system (${doc.uri.scheme}); nothing was changed.`);
  }
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) throw new Refusal(`Leakless: ${name} is not in a workspace folder, so there is no .env file to keep the value in; nothing was changed.`);
  const envUri = vscode.Uri.joinPath(folder.uri, deps.config().envFile);
  const gitignoreUri = vscode.Uri.joinPath(folder.uri, '.gitignore');
  const envText = await readSideFile(envUri);
  const envRel = path.posix.relative(folder.uri.path, envUri.path);
  const plan: Plan = { edits: [], files: [], notes: [] };
  const ignore: string[] = [];
  if (args.kind === 'replace') {
    const planned = planEnvVarFix({
      languageId: doc.languageId,
      fileName: doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path,
      text, secretStart: at.start, secretEnd: at.end, secret: args.secret, ruleEnvVar: args.ruleEnvVar, ruleId: args.ruleId,
      ...(envText !== undefined ? { envFileText: envText } : {}),
    });
    if (isUnsupported(planned)) throw new Refusal(`Leakless: ${planned.reason} Nothing was changed.`);
    if (planned.edits.some((e) => e.isSnippet)) throw new Refusal('Leakless: the planned edit is a snippet, which this fix cannot apply; nothing was changed.');
    plan.edits = planned.edits;
    plan.notes = planned.notes;
    if (planned.envFileEdit !== 'unchanged') {
      plan.files.push({ uri: envUri, before: envText, after: planned.envFileEdit.newText, newFileMode: 0o600 });
      const git = await gitStatusOf(folder.uri, envRel);
      if (git.tracked) plan.trackedEnv = envRel;
      if (!git.ignored) ignore.push(envRel);
    }
  } else {
    const fileRel = path.posix.relative(folder.uri.path, doc.uri.path);
    const choice = chooseDotenvEntry(envText, suggestName(text, at.start, args.ruleEnvVar, false), args.secret);
    if (choice.envFileEdit !== 'unchanged') plan.files.push({ uri: envUri, before: envText, after: choice.envFileEdit.newText, newFileMode: 0o600 });
    const [envGit, fileGit] = await Promise.all([gitStatusOf(folder.uri, envRel), gitStatusOf(folder.uri, fileRel)]);
    if (!envGit.ignored) ignore.push(envRel);
    if (!fileGit.ignored) ignore.push(fileRel);
    if (fileGit.tracked) plan.trackedEnv = fileRel;
    plan.notes = [`${fileRel} is now git-ignored; load it from .env (${choice.name}) where it is generated, and rotate the secret if the file was ever committed.`];
  }
  if (ignore.length > 0) {
    const gitignoreText = await readSideFile(gitignoreUri);
    let next = gitignoreText;
    for (const rel of ignore) {
      const planned = planGitignore(next, rel);
      if (planned !== 'unchanged') next = planned.newText;
    }
    if (next !== undefined && next !== gitignoreText) plan.files.push({ uri: gitignoreUri, before: gitignoreText, after: next, newFileMode: 0o644 });
  }
  for (const f of plan.files) {
    const rel = vscode.workspace.asRelativePath(f.uri, false);
    if (vscode.workspace.fs.isWritableFileSystem(f.uri.scheme) === false) {
      throw new Refusal(`Leakless: ${rel} is on a read-only file system (${f.uri.scheme}); nothing was changed.`);
    }
    // Writing under an editor's unsaved text would leave the two to be merged by hand, or the value lost on a save.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === f.uri.toString() && d.isDirty)) {
      throw new Refusal(`Leakless: ${rel} has unsaved changes; save or revert it first. Nothing was changed.`);
    }
    if (!f.after.startsWith(f.before ?? '')) throw new Refusal(`Leakless: the fix would rewrite existing lines of ${rel}; nothing was changed.`);
  }
  return plan;
}

/**
 * Writes the side files, then edits the document if it is still at `version`. Returns false (with the files put
 * back) when the document changed meanwhile, so that the caller plans again; throws a Refusal on a failure.
 */
async function applyPlan(doc: vscode.TextDocument, version: number, plan: Plan, name: string): Promise<boolean> {
  const writes = plan.files.map((f) => ({ name: vscode.workspace.asRelativePath(f.uri, false), write: () => appendSideFile(f) }));
  const result = await writeAllThen(writes, async () => {
    if (plan.edits.length === 0) return true;
    // Checked right before applyEdit: VS Code sends this version with the edit and refuses it if the editor moved on.
    if (doc.version !== version) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, plan.edits.map((e) => vscode.TextEdit.replace(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText)));
    return vscode.workspace.applyEdit(edit);
  });
  if (result.status === 'applied') return true;
  const outcome = result.notRestored.length === 0
    ? 'nothing was changed'
    : `and ${result.notRestored.join(' and ')} could not be put back as it was: check it`;
  if (result.status === 'write-failed') {
    throw new Refusal(`Leakless: could not write ${result.name} (${errorText(result.error)}); ${outcome}.`);
  }
  if (result.notRestored.length === 0 && doc.version !== version) return false;
  const why = result.error === undefined ? '' : ` (${errorText(result.error)})`;
  throw new Refusal(`Leakless: VS Code did not apply the edit to ${name}${why}; ${outcome}.`);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function finish(log: Log, plan: Plan): void {
  for (const note of plan.notes) log.info(note);
  if (plan.trackedEnv !== undefined) {
    void vscode.window.showWarningMessage(
      `Leakless: ${plan.trackedEnv} is tracked by git, so the secret would be committed with it. Run "git rm --cached ${plan.trackedEnv}" and commit, then rotate any secret it already held.`,
    );
  }
}

/**
 * Where the secret is now: at the offered offsets if it is still there, else where the current findings put it
 * (same rule and fingerprint), else the occurrence of the exact string nearest to where it was.
 */
export function locateSecret(uri: vscode.Uri, text: string, args: SecretAt, store: FindingsStore): { start: number; end: number } | undefined {
  const length = args.secret.length;
  if (text.slice(args.start, args.end) === args.secret) return { start: args.start, end: args.end };
  const candidates = store.get(uri)
    .filter((f) => f.ruleId === args.ruleId && f.fingerprint === args.fingerprint)
    .map((f) => f.start);
  for (let i = text.indexOf(args.secret); i >= 0 && length > 0; i = text.indexOf(args.secret, i + 1)) candidates.push(i);
  let best: number | undefined;
  for (const c of candidates) {
    if (text.slice(c, c + length) !== args.secret) continue;
    if (best === undefined || Math.abs(c - args.start) < Math.abs(best - args.start)) best = c;
  }
  return best === undefined ? undefined : { start: best, end: best + length };
}

/** A side file's text on disk (open editors are not consulted: dirty ones are refused), or undefined when missing. */
export async function readSideFile(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme === 'file') return readTextFile(uri.fsPath);
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

/** Appends to a side file; returns how to put it back. Atomic on disk (`file:`); other file systems cannot be. */
async function appendSideFile(f: SideFile): Promise<AtomicWrite> {
  if (f.uri.scheme === 'file') return appendFileAtomic(f.uri.fsPath, f.before, f.after, { newFileMode: f.newFileMode });
  // workspace.fs offers no rename-over or fsync: on a virtual file system this write is not atomic.
  if ((await readSideFile(f.uri)) !== f.before) throw new Error('it changed since the fix was planned');
  await vscode.workspace.fs.writeFile(f.uri, new TextEncoder().encode(f.after));
  return {
    created: f.before === undefined,
    restore: async () => {
      if (f.before === undefined) await vscode.workspace.fs.delete(f.uri);
      else await vscode.workspace.fs.writeFile(f.uri, new TextEncoder().encode(f.before));
    },
  };
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

function parseArgs(raw: unknown): EnvFixArgs | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const a = raw as Record<string, unknown>;
  const strings = ['uri', 'ruleId', 'fingerprint', 'secret', 'ruleEnvVar'].every((k) => typeof a[k] === 'string');
  const numbers = ['version', 'start', 'end'].every((k) => typeof a[k] === 'number');
  if (!strings || !numbers || (a['kind'] !== 'replace' && a['kind'] !== 'keep-and-ignore-file')) return undefined;
  return a as unknown as EnvFixArgs;
}
