import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { append, closeAll, fakeJiraToken, leakless, openFile, ours, setSetting, sleep, waitFor } from './util';

/** A line of code in each language that assigns the token, and where the token sits in it. */
const FILES: ReadonlyArray<{ name: string; before: string; lead: string; tail: string }> = [
  { name: 'app.js', before: 'const a = 1;\n', lead: 'const jiraToken = "', tail: '";\n' },
  { name: 'settings.py', before: 'import os\n', lead: 'JIRA_TOKEN = "', tail: '"\n' },
  { name: 'main.go', before: 'package main\n\n', lead: 'var jiraToken = "', tail: '"\n' },
  { name: 'Client.java', before: 'class Client {\n', lead: '  static final String TOKEN = "', tail: '";\n}\n' },
  { name: 'config.yaml', before: 'jira:\n', lead: '  token: ', tail: '\n' },
  { name: '.env', before: 'DEBUG=true\n', lead: 'JIRA_API_TOKEN=', tail: '\n' },
];

describe('live diagnostics while typing', function () {
  this.timeout(60000);

  before(async () => {
    await leakless();
  });

  afterEach(closeAll);

  for (const f of FILES) {
    it(`marks a Jira token typed into ${f.name} with exactly one masked warning on the token`, async () => {
      const editor = await openFile(f.name, f.before);
      const token = fakeJiraToken();
      await append(editor, `${f.lead}${token}${f.tail}`);
      const diags = await waitFor('a Leakless diagnostic', () => {
        const d = ours(editor.document.uri);
        return d.length > 0 ? d : undefined;
      });
      await sleep(400); // a second scan must not add a duplicate
      const final = ours(editor.document.uri);
      assert.equal(final.length, 1, `expected one diagnostic, got ${final.map((d) => d.message).join(' | ')}`);
      const d = diags[0]!;
      const start = editor.document.getText().indexOf(token);
      assert.deepEqual(
        [d.range.start, d.range.end].map((p) => editor.document.offsetAt(p)),
        [start, start + token.length],
        'the range must cover exactly the token',
      );
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(d.message.includes('Atlassian API token'), d.message);
      assert.ok(!d.message.includes(token), 'the message must not contain the token');
      assert.ok(d.message.includes(`${token.slice(0, 4)}…${token.slice(-4)}`), `masked value missing: ${d.message}`);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(code.value, 'atlassian-api-token');
      assert.equal(code.target.scheme, 'command');
    });
  }

  it('marks a token typed into an untitled buffer', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'notes\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const token = fakeJiraToken();
    await append(editor, `curl -u me:${token} https://corp.example.test\n`);
    const d = await waitFor('a diagnostic in the untitled buffer', () => ours(doc.uri)[0]);
    assert.equal(editor.document.getText(d.range), token);
    assert.equal(ours(doc.uri).length, 1);
  });

  it('removes the diagnostic when the token is edited away', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('edit-away.js', `const t = "${token}";\n`);
    const d = await waitFor('the diagnostic', () => ours(editor.document.uri)[0]);
    await editor.edit((b) => b.replace(d.range, 'process.env.JIRA_API_TOKEN'));
    await waitFor('the diagnostic to go', () => (ours(editor.document.uri).length === 0 ? true : undefined));
  });

  it('removes the diagnostic when leakless:allow is added on the line', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('allow.py', `TOKEN = "${token}"\n`);
    await waitFor('the diagnostic', () => ours(editor.document.uri)[0]);
    const lineEnd = editor.document.lineAt(0).range.end;
    await editor.edit((b) => b.insert(lineEnd, '  # leakless:allow'));
    await waitFor('the diagnostic to go', () => (ours(editor.document.uri).length === 0 ? true : undefined));
  });

  it('clears the diagnostic when the document is closed', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('closing.js', `const t = "${token}";\n`);
    const uri = editor.document.uri;
    await waitFor('the diagnostic', () => ours(uri)[0]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('diagnostics cleared on close', () => (ours(uri).length === 0 ? true : undefined));
  });
});

describe('settings', function () {
  this.timeout(60000);

  afterEach(closeAll);

  it('a disabled rule produces no diagnostic, and re-enabling it brings it back without a reload', async () => {
    const restore = await setSetting('disabledRules', ['atlassian-api-token']);
    try {
      const editor = await openFile('disabled.js', `const t = "${fakeJiraToken()}";\n`);
      await sleep(1000);
      assert.equal(ours(editor.document.uri).length, 0, 'the disabled rule still reported');
      await restore();
      await waitFor('the diagnostic after re-enabling', () => ours(editor.document.uri)[0]);
    } finally {
      await restore();
    }
  });

  it('a file matching leakless.exclude produces no diagnostic and the skip is logged', async () => {
    const restore = await setSetting('exclude', ['**/fixtures-excluded/**']);
    try {
      const editor = await openFile('fixtures-excluded/secret.js', `const t = "${fakeJiraToken()}";\n`);
      await sleep(1000);
      assert.equal(ours(editor.document.uri).length, 0);
      const api = await leakless();
      await waitFor('the skip in the log', () => api.recentLog().find((l) => l.includes('fixtures-excluded/secret.js') && l.includes('leakless.exclude')));
    } finally {
      await restore();
    }
  });

  it('a document over leakless.maxFileSize produces no diagnostic and the skip is logged once', async () => {
    const restore = await setSetting('maxFileSize', 5000);
    try {
      const padding = '// filler line\n'.repeat(400);
      const editor = await openFile('big.js', `${padding}const t = "${fakeJiraToken()}";\n`);
      await sleep(1000);
      assert.equal(ours(editor.document.uri).length, 0);
      const api = await leakless();
      await waitFor('the skip in the log', () => api.recentLog().find((l) => l.includes('big.js') && l.includes('maxFileSize')));
      await append(editor, '// more\n');
      await sleep(800);
      assert.equal(api.recentLog().filter((l) => l.includes('big.js') && l.includes('maxFileSize')).length, 1, 'the skip must be logged once');
    } finally {
      await restore();
    }
  });

  it('a severity override changes the diagnostic at runtime', async () => {
    const editor = await openFile('severity.js', `const t = "${fakeJiraToken()}";\n`);
    await waitFor('the warning', () => ours(editor.document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    const restore = await setSetting('severityOverrides', { 'atlassian-api-token': 'error' });
    try {
      await waitFor('the error', () => ours(editor.document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error));
    } finally {
      await restore();
    }
    await waitFor('the warning again', () => ours(editor.document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('the global severity setting applies to every rule', async () => {
    const restore = await setSetting('severity', 'info');
    try {
      const editor = await openFile('global-severity.js', `const t = "${fakeJiraToken()}";\n`);
      await waitFor('an information diagnostic', () => ours(editor.document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Information));
    } finally {
      await restore();
    }
  });

  it('turning leakless.enable off clears diagnostics, and on brings them back', async () => {
    const editor = await openFile('toggle.js', `const t = "${fakeJiraToken()}";\n`);
    await waitFor('the diagnostic', () => ours(editor.document.uri)[0]);
    const restore = await setSetting('enable', false);
    try {
      await waitFor('no diagnostic', () => (ours(editor.document.uri).length === 0 ? true : undefined));
    } finally {
      await restore();
    }
    await waitFor('the diagnostic again', () => ours(editor.document.uri)[0]);
  });

  it('languages outside leakless.languages are not scanned', async () => {
    const restore = await setSetting('languages', ['python']);
    try {
      const editor = await openFile('lang.js', `const t = "${fakeJiraToken()}";\n`);
      await sleep(1000);
      assert.equal(ours(editor.document.uri).length, 0);
    } finally {
      await restore();
    }
  });
});

describe('hover', function () {
  this.timeout(60000);

  afterEach(closeAll);

  it('explains the finding: type, confidence, why it matters, the first step and a link to the guide', async () => {
    const token = fakeJiraToken();
    const editor = await openFile('hover.js', `const t = "${token}";\n`);
    const d = await waitFor('the diagnostic', () => ours(editor.document.uri)[0]);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, d.range.start.translate(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes('Atlassian API token'), text);
    assert.ok(/Confidence: \*\*high\*\*/.test(text), text);
    assert.ok(text.includes('Why it matters'), text);
    assert.ok(text.includes('First step'), text);
    assert.ok(text.includes('command:leakless.showRemediation'), text);
    assert.ok(!text.includes(token), 'the hover must not show the token');
  });
});
