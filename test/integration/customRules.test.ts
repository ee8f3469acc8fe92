import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, leakless, openFile, ours, waitFor, workspaceRoot } from './util';

const RULES = '.leakless/rules.yaml';

/** A small custom rule file: an internal token format that the built-in rules do not know. */
function ruleFile(regex: string): string {
  return `provider: Acme
family: saas
remediation:
  what: An Acme internal service token.
  risk: It opens the internal admin API.
  rotate: [Issue a new token in the Acme admin console., Revoke the old one.]
  misuse: Read the admin API audit log.
rules:
  - id: acme-internal-token
    name: Acme internal token
    description: Tokens of Acme's internal services.
    regex: '${regex}'
    keywords: [acmetok_]
    confidence: high
    examples:
      positive: ['t = "acmetok_[[lower:24]]"']
      negative: ['t = "acmetok_short"']
`;
}

async function writeRules(text: string | undefined): Promise<void> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), RULES);
  if (text === undefined) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  // The file watcher reloads the rules too, but its start-up time on a loaded machine is not the point of these tests.
  await vscode.commands.executeCommand('leakless.reloadRules');
}

describe('custom rules in .leakless/rules.yaml', function () {
  this.timeout(60000);

  before(async () => {
    await leakless();
  });

  afterEach(async () => {
    await writeRules(undefined);
    await closeAll();
  });

  it('are loaded in a trusted workspace and find their secrets in open documents', async () => {
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted');
    const editor = await openFile('custom.js', 'const t = "acmetok_k3j9x0q2m5n8b7v6c1z4l0p9";\n');
    await writeRules(ruleFile('(acmetok_[a-z0-9]{24})'));
    const d = await waitFor('the custom rule\'s diagnostic', () => ours(editor.document.uri).find((x) => (x.code as { value: string }).value === 'acme-internal-token'), 15000);
    assert.match(d.message, /Acme internal token/);
    assert.ok(!d.message.includes('k3j9x0q2m5n8b7v6c1z4l0p9'));
    await writeRules(undefined);
    await waitFor('the rule to go with its file', () => (ours(editor.document.uri).length === 0 ? true : undefined), 15000);
  });

  it('a malformed rule file is reported on the file itself with line and field, and the built-in rules keep working', async () => {
    await writeRules(ruleFile('(acmetok_[a-z0-9]{24}').replace('    confidence: high', '    confidence: certain'));
    const rulesUri = vscode.Uri.joinPath(workspaceRoot(), RULES);
    const problems = await waitFor('problems on the rule file', () => {
      const d = vscode.languages.getDiagnostics(rulesUri).filter((x) => x.source === 'Leakless rules');
      return d.length >= 2 ? d : undefined;
    }, 15000);
    const regex = problems.find((p) => p.code === 'regex');
    assert.ok(regex, problems.map((p) => p.message).join(' | '));
    assert.equal(regex.range.start.line, 11, 'the regex line (0-based)');
    assert.match(regex.message, /\.leakless\/rules\.yaml:12: rule "acme-internal-token", field "regex": does not compile/);
    assert.ok(problems.some((p) => p.code === 'confidence'));
    const token = `ATATT3${'A1b2C3d4E5f6G7h8'.repeat(12)}`.slice(0, 192);
    const editor = await openFile('builtin-still.js', `const t = "${token}";\n`);
    await waitFor('a built-in diagnostic', () => ours(editor.document.uri)[0], 15000);
  });

  it('a rule that risks catastrophic backtracking is refused, naming it', async () => {
    await writeRules(ruleFile('(acmetok_(?:[a-z]+)+!)'));
    const rulesUri = vscode.Uri.joinPath(workspaceRoot(), RULES);
    const problem = await waitFor('the refusal', () => vscode.languages.getDiagnostics(rulesUri).find((x) => x.code === 'regex'), 15000);
    assert.match(problem.message, /acme-internal-token/);
    const api = await leakless();
    assert.ok(api.recentLog().some((l) => l.includes('acme-internal-token') && l.includes('regex')));
  });
});
