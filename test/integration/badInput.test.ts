import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fakeJiraToken, leakless, openFile, ours, waitFor, workspaceRoot } from './util';

describe('bad input in the editor', function () {
  this.timeout(60000);

  before(async () => {
    await leakless();
  });

  afterEach(closeAll);

  it('a malformed setting is reported with its settings file, line and name; scanning goes on with the default', async () => {
    const config = vscode.workspace.getConfiguration('leakless');
    await config.update('debounceMs', 'fast', vscode.ConfigurationTarget.Workspace);
    try {
      const api = await leakless();
      const line = await waitFor('the settings problem in the log', () => api.recentLog().find((l) => l.includes('"leakless.debounceMs"')), 15000);
      assert.match(line, /\.vscode\/settings\.json:\d+: setting "leakless\.debounceMs" ignored: expected a number from 0 to 10000, got "fast"/);
      const editor = await openFile('after-bad-setting.js', `const t = "${fakeJiraToken()}";\n`);
      await waitFor('a diagnostic with the default debounce', () => ours(editor.document.uri)[0], 15000);
    } finally {
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('scans each cell of a Jupyter notebook', async () => {
    const token = fakeJiraToken();
    const notebook = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Report'] },
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import requests\n', `JIRA = "${token}"\n`] },
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'report.ipynb');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(notebook, null, 1)));
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(1).document;
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    const d = await waitFor('a diagnostic in the code cell', () => ours(cell.uri)[0], 15000);
    assert.equal(cell.getText(d.range), token);
    assert.equal(d.range.start.line, 1);
    assert.equal(ours(nb.cellAt(0).document.uri).length, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });
});
