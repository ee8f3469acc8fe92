import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { apply, fixesFor, onDisk, removeFromDisk } from './fixUtil';
import { closeAll, fakeJiraToken, leakless, openFile, ours, setSetting, waitFor, workspaceRoot } from './util';

describe('quick fixes', function () {
  this.timeout(90000);

  before(async () => {
    await leakless();
  });

  beforeEach(() => removeFromDisk('.env', '.gitignore', '.leakless'));
  after(() => removeFromDisk('.env', '.gitignore', '.leakless'));
  afterEach(closeAll);

  it('replaces the literal with process.env, appends the value to an owner-only .env and git-ignores it', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix-env.js', `const jiraToken = "${token}";\nmodule.exports = { jiraToken };\n`);
    const { actions } = await fixesFor(editor.document);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(preferred.title, /process\.env\.JIRA_TOKEN/);
    await apply(preferred);
    assert.equal(editor.document.getText(), 'const jiraToken = process.env.JIRA_TOKEN;\nmodule.exports = { jiraToken };\n');
    await waitFor('.env on disk', () => onDisk('.env'));
    assert.equal(onDisk('.env'), `JIRA_TOKEN=${token}\n`);
    const mode = fs.statSync(vscode.Uri.joinPath(workspaceRoot(), '.env').fsPath).mode & 0o777;
    assert.equal(mode, 0o600, `.env mode is ${mode.toString(8)}`);
    assert.match(onDisk('.gitignore') ?? '', /^\.env$/m);
    await waitFor('the diagnostic to go', () => (ours(editor.document.uri).length === 0 ? true : undefined));
  });

  it('one undo restores the document', async () => {
    const token = fakeJiraToken();
    const original = `TOKEN = "${token}"\nprint(TOKEN)\n`;
    const editor = await openFile('fix_undo.py', original);
    const { actions } = await fixesFor(editor.document);
    const preferred = actions.find((a) => a.isPreferred)!;
    await apply(preferred);
    assert.match(editor.document.getText(), /^import os\n/);
    assert.match(editor.document.getText(), /TOKEN = os\.environ\["TOKEN"\]/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor('the original text', () => (editor.document.getText() === original ? true : undefined));
  });

  it('never overwrites .env: appends, reuses a name holding the same value and picks a new name for a different one', async () => {
    // A fresh env file (leakless.envFile) so that no editor model of an earlier test's .env is involved.
    const restore = await setSetting('envFile', 'config/collide.env');
    try {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), 'config/collide.env'), new TextEncoder().encode('DEBUG=true\nJIRA_TOKEN=some-other-value'));
      const token = fakeJiraToken();
      const editor = await openFile('fix-collide.ts', `export const jiraToken: string = "${token}";\n`);
      const { actions } = await fixesFor(editor.document);
      await apply(actions.find((a) => a.isPreferred)!);
      assert.equal(editor.document.getText(), 'export const jiraToken: string = process.env.JIRA_TOKEN_2;\n');
      await waitFor('the env file appended', () => (onDisk('config/collide.env')?.includes('JIRA_TOKEN_2=') ? true : undefined));
      assert.equal(onDisk('config/collide.env'), `DEBUG=true\nJIRA_TOKEN=some-other-value\nJIRA_TOKEN_2=${token}\n`);
      assert.match(onDisk('.gitignore') ?? '', /config\/collide\.env/);

      // The same value again: the name is reused and the file is not touched.
      const again = await openFile('fix-collide-again.ts', `export const other = "${token}";\n`);
      const second = await fixesFor(again.document);
      await apply(second.actions.find((a) => a.isPreferred)!);
      assert.equal(again.document.getText(), 'export const other = process.env.JIRA_TOKEN_2;\n');
      assert.equal(onDisk('config/collide.env'), `DEBUG=true\nJIRA_TOKEN=some-other-value\nJIRA_TOKEN_2=${token}\n`);
    } finally {
      await restore();
      await removeFromDisk('config');
    }
  });

  it('turns a secret inside a larger string into interpolation, not a broken string', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix-bearer.js', `const headers = { Authorization: "Bearer ${token}" };\n`);
    const { actions } = await fixesFor(editor.document);
    await apply(actions.find((a) => a.isPreferred)!);
    assert.equal(editor.document.getText(), 'const headers = { Authorization: `Bearer ${process.env.JIRA_API_TOKEN}` };\n');
  });

  it('writes Go lookups with the os import added', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix.go', `package main\n\nimport "fmt"\n\nvar jiraToken = "${token}"\n\nfunc main() { fmt.Println(jiraToken) }\n`);
    const { actions } = await fixesFor(editor.document);
    await apply(actions.find((a) => a.isPreferred)!);
    const text = editor.document.getText();
    assert.match(text, /var jiraToken = os\.Getenv\("JIRA_TOKEN"\)/);
    assert.match(text, /"os"/);
  });

  it('in JSON, says why no lookup is possible and offers to keep the value in .env and git-ignore the file', async () => {
    const token = fakeJiraToken();
    const original = `{ "jira": { "token": "${token}" } }\n`;
    const editor = await openFile('fix.json', original);
    const { actions } = await fixesFor(editor.document);
    const keep = actions.find((a) => a.title.includes('cannot read environment variables'));
    assert.ok(keep, `no fitting action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(!actions.some((a) => a.isPreferred), 'nothing that breaks JSON may be preferred');
    await apply(keep);
    assert.equal(editor.document.getText(), original, 'the JSON file is left intact');
    await waitFor('.env on disk', () => (onDisk('.env')?.includes(token) ? true : undefined));
    assert.match(onDisk('.gitignore') ?? '', /^\.env$/m);
    assert.match(onDisk('.gitignore') ?? '', /^\/?fix\.json$/m);
  });

  it('offers each secrets manager and inserts a helper once', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix_vault.py', `JIRA = "${token}"\n`);
    const { actions } = await fixesFor(editor.document);
    const titles = actions.map((a) => a.title).join(' | ');
    for (const label of ['AWS Secrets Manager', 'HashiCorp Vault', 'CyberArk Conjur', 'Azure Key Vault', 'Google Secret Manager']) {
      assert.ok(titles.includes(label), `${label} missing from ${titles}`);
    }
    await apply(actions.find((a) => a.title.includes('HashiCorp Vault'))!);
    const text = editor.document.getText();
    assert.ok(!text.includes(token), 'the literal must be gone');
    assert.match(text, /hvac/);
  });

  it('applies a secrets-manager or inline-ignore fix where the secret is now, when lines were added above it meanwhile', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix-moved.py', `JIRA = "${token}"\n`);
    const { actions } = await fixesFor(editor.document);
    const vault = actions.find((a) => a.title.includes('HashiCorp Vault'))!;
    const inline = actions.find((a) => a.title.startsWith('Ignore this secret here'))!;
    const inserted = '# typed while the menu was open\nJIRA_URL = "https://example.atlassian.net"\n';
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), inserted)));
    await apply(inline);
    assert.equal(editor.document.getText(), `${inserted}JIRA = "${token}" # leakless:allow\n`);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(2, 0, 3, 0), `JIRA = "${token}"\n`)));
    await apply(vault);
    const text = editor.document.getText();
    assert.ok(text.includes(inserted), `the lines typed meanwhile are intact:\n${text}`);
    assert.ok(!text.includes(token), 'the literal must be gone');
    assert.match(text, /hvac/);
  });

  it('"Ignore this secret here" adds the marker in the language\'s comment syntax', async () => {
    const editor = await openFile('fix-ignore.py', `TOKEN = "${fakeJiraToken()}"\n`);
    const { actions } = await fixesFor(editor.document);
    await apply(actions.find((a) => a.title.startsWith('Ignore this secret here'))!);
    assert.match(editor.document.lineAt(0).text, /# leakless:allow$/);
    await waitFor('the diagnostic to go', () => (ours(editor.document.uri).length === 0 ? true : undefined));
  });

  it('"Ignore in this workspace" records the fingerprint, never the secret', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('fix-ws-ignore.js', `const t = "${token}";\n`);
    const { actions } = await fixesFor(editor.document);
    await apply(actions.find((a) => a.title === 'Ignore this secret in this workspace')!);
    const file = await waitFor('.leakless/ignore.json', () => onDisk('.leakless/ignore.json'));
    assert.ok(!file.includes(token), 'the ignore file must not contain the secret');
    const parsed = JSON.parse(file) as { ignore: Array<{ fingerprint: string; ruleId: string }> };
    assert.equal(parsed.ignore[0]!.ruleId, 'atlassian-api-token');
    await waitFor('the diagnostic to go', () => (ours(editor.document.uri).length === 0 ? true : undefined));
  });

  it('"Disable rule" updates the setting', async () => {
    const editor = await openFile('fix-disable.js', `const t = "${fakeJiraToken()}";\n`);
    const { actions } = await fixesFor(editor.document);
    try {
      await apply(actions.find((a) => a.title === 'Disable rule atlassian-api-token')!);
      assert.deepEqual(vscode.workspace.getConfiguration('leakless').get('disabledRules'), ['atlassian-api-token']);
      await waitFor('the diagnostic to go', () => (ours(editor.document.uri).length === 0 ? true : undefined));
    } finally {
      await vscode.workspace.getConfiguration('leakless').update('disabledRules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('"Show how to remediate" opens the guide', async () => {
    const editor = await openFile('fix-guide.js', `const t = "${fakeJiraToken()}";\n`);
    const { actions } = await fixesFor(editor.document);
    await apply(actions.find((a) => a.title.startsWith('Show how to remediate'))!);
    const guide = await waitFor('the guide document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'leakless-guide'));
    assert.match(guide.getText(), /rotate/i);
    assert.match(guide.getText(), /id\.atlassian\.com/);
  });
});
