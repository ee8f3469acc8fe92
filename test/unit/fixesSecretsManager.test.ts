import * as assert from 'node:assert/strict';
import { planSecretsManagerFix, SECRETS_MANAGERS, type FixInput, type SecretsManager } from '../../src/fixes';
import { applied, assertParses, inputFor, S, type Parser } from './fixesHarness';

/** Plans the fix, requires success, checks the snippet, and returns the rewritten document. */
function fix(input: FixInput, manager: SecretsManager): string {
  const plan = planSecretsManagerFix(input, manager);
  assert.equal(plan.kind, 'ok', JSON.stringify(plan));
  if (plan.kind !== 'ok') throw new Error('unreachable');
  const snippets = plan.edits.filter((e) => e.isSnippet);
  assert.equal(snippets.length, 1, 'one snippet edit carries the call');
  assert.match(snippets[0]!.newText, /\$\{1:[\w/-]+\}/, 'the secret name is a placeholder');
  const out = applied(input, plan.edits);
  assert.ok(!out.includes(input.secret), `secret still in:\n${out}`);
  return out;
}

interface Shape { lang: string; file: string; parser: Parser; src: string; second: string }

const SHAPES: Record<string, Shape> = {
  'TypeScript async function': { lang: 'typescript', file: 'client.ts', parser: 'ts',
    src: `import { readFileSync } from "node:fs";\n\nexport async function connect(): Promise<string> {\n  const apiKey = "${S}";\n  return apiKey + readFileSync("x", "utf8");\n}\n`,
    second: `\nexport async function other(): Promise<string> {\n  return "Bearer ${S}";\n}\n` },
  'ES module top level (.mjs)': { lang: 'javascript', file: 'client.mjs', parser: 'mjs',
    src: `import fs from "node:fs";\n\nconst apiKey = "${S}";\nexport default { apiKey, fs };\n`,
    second: `export const other = "${S}";\n` },
  'CommonJS top level, secret inside a string': { lang: 'javascript', file: 'client.js', parser: 'js',
    src: `const fs = require("node:fs");\n\nconst auth = "Bearer ${S}";\nmodule.exports = { auth, fs };\n`,
    second: `module.exports.other = "${S}";\n` },
  'JavaScript sync method in a class': { lang: 'javascript', file: 'client.js', parser: 'js',
    src: `class Client {\n  headers() {\n    return { Authorization: \`Bearer ${S}\` };\n  }\n}\nmodule.exports = Client;\n`,
    second: `async function later() {\n  return "${S}";\n}\nmodule.exports.later = later;\n` },
  Python: { lang: 'python', file: 'app.py', parser: 'python',
    src: `"""App."""\nimport json\n\nJIRA_TOKEN = "${S}"\nprint(json.dumps({"t": JIRA_TOKEN}))\n`,
    second: `HEADERS = {"Authorization": "Bearer ${S}"}\n` },
  Go: { lang: 'go', file: 'main.go', parser: 'go',
    src: `package main\n\nimport "fmt"\n\nfunc main() {\n\ttoken := "${S}"\n\tfmt.Println(token)\n}\n`,
    second: `\nvar other = "Bearer ${S}"\n` },
  Java: { lang: 'java', file: 'App.java', parser: 'java',
    src: `package demo;\n\nimport java.util.List;\n\npublic class App {\n    private final String apiKey = "${S}";\n\n    List<String> keys() { return List.of(apiKey); }\n}\n`,
    second: `class Other {\n    String token() { return "Bearer ${S}"; }\n}\n` },
  'C#': { lang: 'csharp', file: 'App.cs', parser: 'csharp',
    src: `using System;\n\nnamespace Demo\n{\n    public class App\n    {\n        public string Key() { var apiKey = "${S}"; return apiKey; }\n    }\n}\n`,
    second: `class Other { string T() { return "Bearer ${S}"; } }\n` },
  Ruby: { lang: 'ruby', file: 'app.rb', parser: 'ruby',
    src: `# frozen_string_literal: true\nrequire "json"\n\nclass App\n  TOKEN = "${S}"\nend\n`,
    second: `HEADER = 'Bearer ${S}'\n` },
};

describe('fixes: secrets manager lookups parse in every language and context', () => {
  for (const [label, shape] of Object.entries(SHAPES)) {
    for (const manager of SECRETS_MANAGERS) {
      it(`${label}: ${manager}`, () => {
        const out = fix(inputFor(shape.lang, shape.file, shape.src), manager);
        assertParses(shape.parser, out, shape.file);
        // A second fix in the same file reuses the helper and imports.
        const again = out + shape.second.replace(S, '<<SECRET>>');
        const input2 = inputFor(shape.lang, shape.file, again);
        const out2 = fix(input2, manager);
        assertParses(shape.parser, out2, shape.file);
        const helper = /(?:function|def|func|String|string)\s+(read\w+|Read\w+)\s*\(/.exec(out)![1]!;
        const defs = out2.match(new RegExp(`(function|def|func|String|string)\\s+${helper}\\s*\\(`, 'g')) ?? [];
        assert.equal(defs.length, 1, `helper ${helper} defined once in:\n${out2}`);
        const importLines = out2.split('\n').filter((l) => /^(import|using|require|const \{)/.test(l.trim()));
        assert.equal(new Set(importLines).size, importLines.length, `duplicate imports in:\n${out2}`);
      });
    }
  }
});

describe('fixes: secrets manager call forms', () => {
  it('awaits inside an async function', () => {
    const out = fix(inputFor('typescript', 'a.ts', SHAPES['TypeScript async function']!.src), 'aws');
    assert.match(out, /const apiKey = await readAwsSecret\("api-key"\);/);
    assert.match(out, /import \{ SecretsManagerClient, GetSecretValueCommand \} from "@aws-sdk\/client-secrets-manager";/);
  });
  it('uses top-level await in an ES module', () => {
    const out = fix(inputFor('javascript', 'a.mjs', SHAPES['ES module top level (.mjs)']!.src), 'gcp');
    assert.match(out, /^const apiKey = await readGcpSecret\("api-key"\);$/m);
  });
  it('uses a .then form at the top level of CommonJS, with require', () => {
    const out = fix(inputFor('javascript', 'a.js', SHAPES['CommonJS top level, secret inside a string']!.src), 'azure');
    assert.match(out, /const auth = readAzureSecret\("auth"\)\.then\(\(secret\) => `Bearer \$\{secret\}`\);/);
    assert.match(out, /const \{ SecretClient \} = require\("@azure\/keyvault-secrets"\);/);
    assert.doesNotMatch(out, /await read/);
  });
  it('Vault takes a path and a field, both placeholders', () => {
    const plan = planSecretsManagerFix(inputFor('python', 'a.py', `jira_token = "${S}"\n`), 'vault');
    assert.equal(plan.kind, 'ok');
    if (plan.kind !== 'ok') return;
    const call = plan.edits.find((e) => e.isSnippet)!;
    assert.equal(call.newText, 'read_vault_secret("${1:jira-token}", "${2:jira_token}")');
  });
  it('snippet text escapes $ and } from the surrounding code', () => {
    const plan = planSecretsManagerFix(inputFor('javascript', 'a.js', `async function f(x) { return \`\${x} ${S}\`; }\n`), 'aws');
    assert.equal(plan.kind, 'ok');
    if (plan.kind !== 'ok') return;
    assert.equal(plan.edits.find((e) => e.isSnippet)!.newText, '\\${await readAwsSecret("${1:jira-api-token}")\\}');
  });
  it('is unsupported for languages without templates, pointing to the env-var fix', () => {
    const r = planSecretsManagerFix(inputFor('php', 'a.php', `<?php $k = '${S}';\n`), 'aws');
    assert.equal(r.kind, 'unsupported');
  });
});
