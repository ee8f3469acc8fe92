// The "Replace with an environment variable" fix when things go wrong: the document changes before the fix runs, the
// secret is gone, .env cannot be written, .env has unsaved changes, the document is on a read-only file system.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apply, fixesFor, onDisk, removeFromDisk } from './fixUtil';
import { closeAll, fakeJiraToken, leakless, openFile, ours, setSetting, sleep, waitFor, workspaceRoot } from './util';

/** Waits until the Leakless log holds a line containing `text`, and returns it. */
async function logged(text: string): Promise<string> {
  const api = await leakless();
  return waitFor(`a log line with "${text}"`, () => api.recentLog().find((l) => l.includes(text)));
}

/** The enabled, preferred env-var fix of a document. */
async function envFix(doc: vscode.TextDocument): Promise<vscode.CodeAction> {
  const { actions } = await fixesFor(doc);
  const preferred = actions.find((a) => a.isPreferred);
  assert.ok(preferred, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
  assert.match(preferred.title, /^Replace with /);
  return preferred;
}

/** A read-only in-memory file system serving a few files; records every attempt to change it. */
class ReadOnlyFs implements vscode.FileSystemProvider {
  readonly attempts: string[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly files: Map<string, string>) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const text = this.files.get(uri.path);
    if (text === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: text.length, permissions: vscode.FilePermission.Readonly };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const text = this.files.get(uri.path);
    if (text === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(text);
  }

  createDirectory(uri: vscode.Uri): void {
    this.refuse('createDirectory', uri);
  }

  writeFile(uri: vscode.Uri): void {
    this.refuse('writeFile', uri);
  }

  delete(uri: vscode.Uri): void {
    this.refuse('delete', uri);
  }

  rename(uri: vscode.Uri): void {
    this.refuse('rename', uri);
  }

  private refuse(what: string, uri: vscode.Uri): never {
    this.attempts.push(`${what} ${uri.toString()}`);
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

describe('the .env fix when something is in the way', function () {
  this.timeout(90000);

  before(async () => {
    await leakless();
  });

  beforeEach(() => removeFromDisk('.env', '.gitignore', 'blocker'));
  after(() => removeFromDisk('.env', '.gitignore', 'blocker'));
  afterEach(closeAll);

  it('replaces the secret at its new place when lines were inserted above it after the fix was offered', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix-shifted.js', `const jiraToken = "${token}";\nmodule.exports = { jiraToken };\n`);
    const fix = await envFix(editor.document);
    const inserted = '// typed while the menu was open\nconst jiraUrl = "https://example.atlassian.net";\n';
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), inserted)));
    await apply(fix);
    assert.equal(editor.document.getText(), `${inserted}const jiraToken = process.env.JIRA_TOKEN;\nmodule.exports = { jiraToken };\n`);
    assert.equal(onDisk('.env'), `JIRA_TOKEN=${token}\n`, '.env holds the value exactly once');
    assert.match(onDisk('.gitignore') ?? '', /^\.env$/m);
  });

  it('changes nothing and says so when the secret was deleted before the fix ran', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix-gone.js', `const jiraToken = "${token}";\n`);
    const fix = await envFix(editor.document);
    assert.ok(await editor.edit((b) => b.replace(editor.document.lineAt(0).range, 'const jiraToken = readToken();')));
    const before = editor.document.getText();
    const version = editor.document.version;
    await apply(fix);
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.version, version, 'the document was not touched at all');
    assert.equal(onDisk('.env'), undefined);
    assert.equal(onDisk('.gitignore'), undefined);
    await logged('the secret is no longer in fix-gone.js; nothing was changed.');
  });

  it('leaves the document, .env\'s folder and .gitignore as they were when .env cannot be written, and says why', async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), 'blocker'), new TextEncoder().encode('a file, not a folder\n'));
    const restore = await setSetting('envFile', 'blocker/.env');
    try {
      const token = fakeJiraToken();
      const editor = await openFile('fix-blocked.py', `JIRA_TOKEN = "${token}"\n`);
      const before = editor.document.getText();
      await apply(await envFix(editor.document));
      assert.equal(editor.document.getText(), before, 'the secret is still in the code, unchanged');
      assert.equal(editor.document.isDirty, false);
      assert.equal(onDisk('blocker'), 'a file, not a folder\n');
      assert.equal(onDisk('.gitignore'), undefined, '.gitignore is not touched either');
      const line = await logged('could not write blocker/.env');
      assert.match(line, /not a directory/i);
      assert.match(line, /nothing was changed/);
      assert.ok(!line.includes(token), 'the message never holds the secret');
    } finally {
      await restore();
    }
  });

  it('refuses while .env has unsaved changes, naming it, and changes nothing', async () => {
    // A fresh env file (leakless.envFile) so that no editor model of an earlier test's .env is involved.
    const restore = await setSetting('envFile', 'config/dirty.env');
    const envUri = vscode.Uri.joinPath(workspaceRoot(), 'config/dirty.env');
    await vscode.workspace.fs.writeFile(envUri, new TextEncoder().encode('DEBUG=true\n'));
    const envEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envUri));
    assert.equal(envEditor.document.getText(), 'DEBUG=true\n');
    assert.ok(await envEditor.edit((b) => b.insert(new vscode.Position(1, 0), 'UNSAVED=1\n')));
    try {
      const token = fakeJiraToken();
      const editor = await openFile('fix-dirty-env.js', `const jiraToken = "${token}";\n`);
      const before = editor.document.getText();
      await apply(await envFix(editor.document));
      assert.equal(editor.document.getText(), before);
      assert.equal(onDisk('config/dirty.env'), 'DEBUG=true\n');
      assert.equal(envEditor.document.getText(), 'DEBUG=true\nUNSAVED=1\n', 'the unsaved edit is kept');
      assert.equal(onDisk('.gitignore'), undefined);
      await logged('config/dirty.env has unsaved changes; save or revert it first. Nothing was changed.');
    } finally {
      await vscode.window.showTextDocument(envEditor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await restore();
      await removeFromDisk('config');
    }
  });

  it('on a read-only file system, disables the fix with the reason, and writes nothing anywhere', async () => {
    const token = fakeJiraToken();
    const fsProvider = new ReadOnlyFs(new Map([['/app.js', `const jiraToken = "${token}";\n`]]));
    const registration = vscode.workspace.registerFileSystemProvider('leakless-ro', fsProvider, { isReadonly: true, isCaseSensitive: true });
    const restore = await setSetting('schemes', ['file', 'untitled', 'leakless-ro']);
    try {
      const uri = vscode.Uri.parse('leakless-ro:/app.js');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const diagnostic = await waitFor('a Leakless diagnostic', () => ours(uri)[0], 15000);
      // What the quick-fix menu lists, disabled entries included (vscode.executeCodeActionProvider leaves those out).
      const actions = await (await leakless()).quickFixes(uri, diagnostic.range);
      const env = actions.find((a) => a.title === 'Replace with an environment variable');
      assert.ok(env, `no env-var action among ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(env.disabled, 'the env-var fix must be disabled');
      assert.match(env.disabled.reason, /read-only file system \(leakless-ro\)/);
      assert.match(env.disabled.reason, /nothing was changed/);
      assert.ok(!env.isPreferred && !env.edit && !env.command, 'a disabled fix carries nothing to apply');
      const applicable = (await fixesFor(doc)).actions.map((a) => a.title);
      assert.ok(!applicable.some((t) => t.startsWith('Replace with')), `the editor offers no env-var fix to apply: ${applicable.join(' | ')}`);
      const editing = actions.filter((a) => !a.disabled && a.edit?.has(uri));
      assert.deepEqual(editing.map((a) => a.title), [], 'no offered fix edits the read-only document');
      assert.ok(actions.some((a) => a.title.startsWith('Show how to remediate')), 'the remediation guide is still offered');

      // Even if the command were run (a stale menu), it refuses before touching anything.
      const before = doc.getText();
      const start = before.indexOf(token);
      await vscode.commands.executeCommand('leakless.applyEnvFix', {
        kind: 'replace', uri: uri.toString(), version: doc.version, start, end: start + token.length,
        ruleId: 'atlassian-api-token', fingerprint: 'unused', secret: token, ruleEnvVar: 'JIRA_TOKEN',
      });
      await logged('app.js is on a read-only file system (leakless-ro); nothing was changed.');
      await sleep(300);
      assert.equal(doc.getText(), before);
      assert.equal(doc.isDirty, false);
      assert.deepEqual(fsProvider.attempts, [], 'nothing was written to the read-only file system');
      assert.equal(onDisk('.env'), undefined, 'no .env was created in the workspace');
      assert.equal(onDisk('.gitignore'), undefined);
      assert.equal(ours(uri).length, 1, 'the finding is still reported');
    } finally {
      await closeAll();
      await restore();
      registration.dispose();
    }
  });
});
