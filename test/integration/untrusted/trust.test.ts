import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fakeJiraToken, leakless, openFile, ours, sleep, waitFor, workspaceRoot } from '../util';

describe('an untrusted workspace (Restricted Mode)', function () {
  this.timeout(60000);

  afterEach(closeAll);

  it('does not load the workspace\'s own rules, and says why', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness leaves this workspace untrusted');
    const api = await leakless();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'app.js'));
    await vscode.window.showTextDocument(doc);
    await waitFor('the explanation in the log', () => api.recentLog().find((l) => l.includes('not trusted') && l.includes('.leakless/rules.yaml')), 15000);
    await sleep(1000);
    assert.deepEqual(ours(doc.uri).map((d) => (d.code as { value: string }).value), [], 'the workspace rule must not run');
  });

  it('still runs the built-in rules', async () => {
    const editor = await openFile('builtin.js', `const t = "${fakeJiraToken()}";\n`);
    const d = await waitFor('a built-in diagnostic', () => ours(editor.document.uri)[0], 15000);
    assert.equal((d.code as { value: string }).value, 'atlassian-api-token');
  });
});
