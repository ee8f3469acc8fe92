import * as assert from 'node:assert/strict';
import {
  chooseDotenvEntry, parseDotenv, planEnvVarFix, planGitignore, planInlineIgnore, quoteDotenvValue, renderRemediationGuide,
  suggestName, toUpperSnake, isUnsupported, type TextEdit,
} from '../../src/fixes';
import { isInlineAllowed } from '../../src/core';
import type { RuleSpec } from '../../src/core';
import { applied, assertParses, inputFor, S, type Parser } from './fixesHarness';

describe('fixes: variable names', () => {
  for (const [src, want] of [
    [`jira_token = "${S}"`, 'JIRA_TOKEN'], [`const apiKey = '${S}'`, 'API_KEY'], [`{"password": "${S}"}`, 'PASSWORD'],
    [`$config['db_pass'] = '${S}';`, 'DB_PASS'], [`self.clientSecret = "${S}"`, 'CLIENT_SECRET'],
    [`val token: String = "${S}"`, 'TOKEN'], [`var token string = "${S}"`, 'TOKEN'], [`foo("${S}")`, 'JIRA_API_TOKEN'],
    [`value = "${S}"`, 'JIRA_API_TOKEN'], [`path = "${S}"`, 'JIRA_API_TOKEN'], [`headers["X-Api-Key"] = "${S}"`, 'X_API_KEY'],
    [`client.setAccessToken("${S}")`, 'ACCESS_TOKEN'],
  ] as const) {
    it(`${src.replace(S, '…')} → ${want}`, () => {
      const at = src.indexOf(S);
      assert.equal(suggestName(src.replace(S, 'x'), at - 1, 'JIRA_API_TOKEN', false), want);
    });
  }
  it('takes the name of a Kubernetes-style env entry for value:', () => {
    const text = `env:\n  - name: STRIPE_KEY\n    value: x\n`;
    assert.equal(suggestName(text, text.indexOf('x\n'), 'GENERIC', false), 'STRIPE_KEY');
  });
  it('UPPER_SNAKE_CASE conversions', () => {
    assert.equal(toUpperSnake('APIKey'), 'API_KEY');
    assert.equal(toUpperSnake('spring.datasource.password'), 'SPRING_DATASOURCE_PASSWORD');
    assert.equal(toUpperSnake('jira-token'), 'JIRA_TOKEN');
    assert.equal(toUpperSnake('2fa_secret'), 'SECRET_2FA_SECRET');
  });
});

describe('fixes: .env entries', () => {
  it('appends with a newline when the file lacks a trailing one, never reordering', () => {
    const r = chooseDotenvEntry('B=2\nA=1', 'JIRA_TOKEN', 'abc');
    assert.deepEqual(r.envFileEdit, { newText: 'B=2\nA=1\nJIRA_TOKEN=abc\n' });
  });
  it('creates the file content when there is none', () => {
    assert.deepEqual(chooseDotenvEntry(undefined, 'X', 'abc').envFileEdit, { newText: 'X=abc\n' });
  });
  it('reuses a name that already holds the same value: unchanged', () => {
    const r = chooseDotenvEntry('JIRA_TOKEN="abc"\n', 'JIRA_TOKEN', 'abc');
    assert.equal(r.name, 'JIRA_TOKEN');
    assert.equal(r.envFileEdit, 'unchanged');
  });
  it('never collides with a name holding a different value', () => {
    const r = chooseDotenvEntry('JIRA_TOKEN=old\nJIRA_TOKEN_2=older\n', 'JIRA_TOKEN', 'new');
    assert.equal(r.name, 'JIRA_TOKEN_3');
    assert.deepEqual(r.envFileEdit, { newText: 'JIRA_TOKEN=old\nJIRA_TOKEN_2=older\nJIRA_TOKEN_3=new\n' });
  });
  it('finds the same value under a suffixed name', () => {
    const r = chooseDotenvEntry('JIRA_TOKEN=old\nJIRA_TOKEN_2=new\n', 'JIRA_TOKEN', 'new');
    assert.equal(r.name, 'JIRA_TOKEN_2');
    assert.equal(r.envFileEdit, 'unchanged');
  });
  it('keeps CRLF line endings', () => {
    assert.deepEqual(chooseDotenvEntry('A=1\r\n', 'B', 'x').envFileEdit, { newText: 'A=1\r\nB=x\r\n' });
  });
  it('quotes values that need it and reads them back unchanged', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----';
    assert.equal(quoteDotenvValue(pem), '"-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----"');
    assert.equal(quoteDotenvValue('a b'), '"a b"');
    assert.equal(quoteDotenvValue('a#b'), '"a#b"');
    assert.equal(quoteDotenvValue('p$ss"w'), `'p$ss"w'`);
    assert.equal(quoteDotenvValue('plain-Value_1.2/+='), 'plain-Value_1.2/+=');
    for (const v of [pem, 'a b', 'a#b', 'p$ss"w', `it's "x"`, 'back\\slash z']) {
      const [entry] = parseDotenv(`K=${quoteDotenvValue(v)}\n`);
      assert.equal(entry?.value, v);
    }
  });
  it('the env-var plan carries the .env text and a collision-free name', () => {
    const input = inputFor('python', 'a.py', `import os\njira_token = "${S}"\n`, { envFileText: 'JIRA_TOKEN=other' });
    const r = planEnvVarFix(input);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.varName, 'JIRA_TOKEN_2');
    assert.deepEqual(r.envFileEdit, { newText: `JIRA_TOKEN=other\nJIRA_TOKEN_2=${input.secret}\n` });
    assert.match(applied(input, r.edits), /os\.environ\["JIRA_TOKEN_2"\]/);
  });
  it('the env-var plan reuses an existing identical entry and leaves .env unchanged', () => {
    const base = inputFor('javascript', 'a.js', `const jiraToken = "${S}";\n`);
    const r = planEnvVarFix({ ...base, envFileText: `# keys\nJIRA_TOKEN=${base.secret}\n` });
    assert.ok(r.kind === 'ok' && r.envFileEdit === 'unchanged' && r.varName === 'JIRA_TOKEN');
  });
});

describe('fixes: inline ignore', () => {
  const cases: [string, string, string, string, Parser?][] = [
    ['javascript', 'a.js', `const k = "${S}";\n`, `const k = "${S}"; // leakless:allow\n`, 'js'],
    ['python', 'a.py', `k = "${S}"  \n`, `k = "${S}" # leakless:allow\n`, 'python'],
    ['sql', 'a.sql', `SELECT '${S}';\n`, `SELECT '${S}'; -- leakless:allow\n`],
    ['html', 'a.html', `<meta content="${S}">\n`, `<meta content="${S}"> <!-- leakless:allow -->\n`],
    ['markdown', 'README.md', `token: ${S}\n`, `token: ${S} <!-- leakless:allow -->\n`],
    ['css', 'a.css', `a { --k: "${S}"; }\n`, `a { --k: "${S}"; } /* leakless:allow */\n`],
    ['yaml', 'c.yml', `k: ${S}\n`, `k: ${S} # leakless:allow\n`, 'yaml'],
    ['dockerfile', 'Dockerfile', `FROM x\n  ENV K=${S}\n`, `FROM x\n  # leakless:allow-next-line\n  ENV K=${S}\n`],
    ['jsonc', 'settings.jsonc', `{"k": "${S}"}\n`, `{"k": "${S}"} // leakless:allow\n`],
    ['go', 'a.go', `package a\n\nvar k = "${S}"\r\n`, `package a\n\nvar k = "${S}" // leakless:allow\r\n`, 'go'],
    ['ruby', 'a.rb', `k = "${S}"`, `k = "${S}" # leakless:allow`, 'ruby'],
  ];
  for (const [lang, file, src, want, parser] of cases) {
    it(`${file}`, () => {
      const input = inputFor(lang, file, src, { secret: 'SECRETVALUE1234' });
      const edit = planInlineIgnore(input);
      assert.ok(!isUnsupported(edit as TextEdit | { kind: 'unsupported' } as never), JSON.stringify(edit));
      const out = applied(input, [edit as TextEdit]);
      assert.equal(out, want.replace(S, input.secret));
      const at = out.indexOf(input.secret);
      assert.ok(isInlineAllowed(out, at, at + input.secret.length), 'the engine honours the marker');
      if (parser) assertParses(parser, out);
    });
  }
  it('JSON has no comments: unsupported, falls back to the workspace ignore', () => {
    const r = planInlineIgnore(inputFor('json', 'a.json', `{"k": "${S}"}`));
    assert.ok('kind' in r && r.kind === 'unsupported' && /workspace/i.test(r.alternatives.join()));
  });
  it('a multi-line string would swallow the comment: unsupported', () => {
    const r = planInlineIgnore(inputFor('python', 'a.py', `k = """\n${S}\n"""\n`));
    assert.ok('kind' in r && r.kind === 'unsupported');
  });
});

describe('fixes: .gitignore', () => {
  it('appends .env to a file without a trailing newline', () => {
    assert.deepEqual(planGitignore('node_modules', '.env'), { newText: 'node_modules\n.env\n' });
  });
  it('creates the content when there is no .gitignore', () => {
    assert.deepEqual(planGitignore(undefined, '.env'), { newText: '.env\n' });
  });
  for (const pattern of ['.env', '/.env', '.env*', '*.env', '**/.env']) {
    it(`leaves it unchanged when "${pattern}" already ignores .env`, () => {
      assert.equal(planGitignore(`dist/\n${pattern}\n`, '.env'), 'unchanged');
    });
  }
  it('a negated pattern does not count', () => {
    assert.deepEqual(planGitignore('.env*\n!.env\n', '.env'), { newText: '.env*\n!.env\n.env\n' });
  });
  it('uses the configured relative path', () => {
    assert.deepEqual(planGitignore('x\n', 'config/.env.local'), { newText: 'x\nconfig/.env.local\n' });
    assert.equal(planGitignore('.env*\n', 'config/.env.local'), 'unchanged');
  });
});

describe('fixes: remediation guide', () => {
  const rule = {
    id: 'atlassian-api-token', name: 'Atlassian API token', provider: 'Atlassian',
    remediation: {
      what: 'A token for Jira and Confluence.', risk: 'Acts as its owner.', rotate: ['Create a new token.', 'Update the CI variable.'],
      revoke: 'Revoke the old token in account settings.', misuse: 'Check the audit log.', prevention: 'Use a vault.',
      docs: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    },
  } as unknown as RuleSpec;
  it('renders every section of a rule', () => {
    const md = renderRemediationGuide(rule, { ruleId: rule.id, masked: 'ATAT…1234', fileName: 'src/a.ts', line: 3 });
    for (const h of ['# Atlassian API token', '## What it is', '## Why it matters', '## Rotate it', '## Revoke the old value', '## Check for misuse', '## Prevent it next time']) {
      assert.ok(md.includes(h), h);
    }
    assert.match(md, /1\. Create a new token\.\n2\. Update the CI variable\./);
    assert.match(md, /\[https:\/\/support\.atlassian\.com/);
    assert.match(md, /`ATAT…1234`/);
    assert.match(md, /src\/a\.ts` line 3/);
  });
  it('has a careful generic guide without a rule', () => {
    const md = renderRemediationGuide(undefined, { ruleId: 'generic-api-key', masked: 'abcd…wxyz' });
    assert.match(md, /# Possible secret/);
    assert.match(md, /Create a replacement/);
    assert.match(md, /Update every consumer/);
    assert.match(md, /Revoke or delete the old value/);
    assert.match(md, /access or audit log/);
    assert.match(md, /history/);
  });
});
