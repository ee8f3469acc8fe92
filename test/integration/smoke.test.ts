import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'leakless.leakless';

describe('Leakless in VS Code', () => {
  it('is installed', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not among the loaded extensions`);
  });

  it('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
