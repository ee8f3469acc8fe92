import * as assert from 'node:assert/strict';
import { planEnvVarFix, type EnvVarPlan, type FixInput } from '../../src/fixes';
import { applied, assertParses, inputFor, S, type Parser } from './fixesHarness';

/** Plans the fix, requires success, and returns the rewritten document. */
function fix(input: FixInput): { out: string; plan: EnvVarPlan } {
  const plan = planEnvVarFix(input);
  assert.equal(plan.kind, 'ok', JSON.stringify(plan));
  if (plan.kind !== 'ok') throw new Error('unreachable');
  const out = applied(input, plan.edits);
  assert.ok(!out.includes(input.secret), `secret still in:\n${out}`);
  return { out, plan };
}

interface Case { name: string; lang: string; file: string; parser?: Parser; src: string; want: string | RegExp; varName?: string }

function runCases(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const input = inputFor(c.lang, c.file, c.src);
      const { out, plan } = fix(input);
      if (typeof c.want === 'string') assert.equal(out, c.want);
      else assert.match(out, c.want);
      if (c.varName) assert.equal(plan.varName, c.varName);
      if (c.parser) assertParses(c.parser, out, c.file.split('/').pop());
    });
  }
}

describe('fixes: environment variable, JavaScript and TypeScript', () => {
  runCases([
    { name: 'whole double-quoted literal', lang: 'javascript', file: 'a.js', parser: 'js',
      src: `const jira_token = "${S}";\n`, want: 'const jira_token = process.env.JIRA_TOKEN;\n', varName: 'JIRA_TOKEN' },
    { name: 'whole single-quoted literal in an object key', lang: 'typescript', file: 'a.ts', parser: 'ts',
      src: `export const cfg = { apiKey: '${S}' };\n`, want: 'export const cfg = { apiKey: process.env.API_KEY };\n' },
    { name: 'whole backtick literal', lang: 'javascript', file: 'a.js', parser: 'js',
      src: `let token = \`${S}\`;\n`, want: 'let token = process.env.TOKEN;\n' },
    { name: 'inside a double-quoted string becomes a template literal', lang: 'typescript', file: 'a.ts', parser: 'ts',
      src: `const headers = { Authorization: "Bearer ${S}" };\n`, want: 'const headers = { Authorization: `Bearer ${process.env.JIRA_API_TOKEN}` };\n' },
    { name: 'inside a string with a backtick and ${ keeps them literal', lang: 'javascript', file: 'a.js', parser: 'js',
      src: `const s = 'a\`b \${x} ${S}';\n`, want: 'const s = `a\\`b \\${x} ${process.env.S}`;\n'.replace('process.env.S', 'process.env.JIRA_API_TOKEN') },
    { name: 'inside a template literal', lang: 'javascript', file: 'a.js', parser: 'js',
      src: `const url = \`https://u:${S}@\${host}/db\`;\n`, want: 'const url = `https://u:${process.env.JIRA_API_TOKEN}@${host}/db`;\n' },
    { name: 'URL credentials use the rule name, not the variable holding the URL', lang: 'javascript', file: 'a.js', parser: 'js',
      src: `const DATABASE_URL = "postgres://u:${S}@h/db";\n`, want: 'const DATABASE_URL = `postgres://u:${process.env.JIRA_API_TOKEN}@h/db`;\n' },
    { name: 'a template literal needs no parentheses before a method call', lang: 'javascript', file: 'a.js', parser: 'js',
      src: `f("x ${S}".trim());\n`, want: 'f(`x ${process.env.JIRA_API_TOKEN}`.trim());\n' },
    { name: 'JSX attribute gets braces', lang: 'javascriptreact', file: 'App.jsx', parser: 'jsx',
      src: `export const A = () => <Widget apiKey="${S}" size="2" />;\n`, want: 'export const A = () => <Widget apiKey={process.env.API_KEY} size="2" />;\n' },
    { name: 'JSX attribute with the secret inside text', lang: 'typescriptreact', file: 'App.tsx', parser: 'tsx',
      src: `export const A = () => <Img src="https://x.test/?key=${S}" />;\n`, want: 'export const A = () => <Img src={`https://x.test/?key=${process.env.JIRA_API_TOKEN}`} />;\n' },
    { name: 'a regex literal with a quote before the string does not confuse the lexer', lang: 'javascript', file: 'a.js', parser: 'js',
      src: `const re = /"/; const secret_key = "${S}";\n`, want: 'const re = /"/; const secret_key = process.env.SECRET_KEY;\n' },
  ]);

  it('refuses a secret in a comment', () => {
    const r = planEnvVarFix(inputFor('javascript', 'a.js', `// old key: ${S}\nconst x = 1;\n`));
    assert.equal(r.kind, 'unsupported');
  });
});

describe('fixes: environment variable, Python', () => {
  runCases([
    { name: 'adds import os at the top when there are no imports', lang: 'python', file: 'a.py', parser: 'python',
      src: `jira_token = "${S}"\n`, want: 'import os\n\njira_token = os.environ["JIRA_TOKEN"]\n', varName: 'JIRA_TOKEN' },
    { name: 'keeps an existing import os', lang: 'python', file: 'a.py', parser: 'python',
      src: `import sys, os\n\nTOKEN = '${S}'\n`, want: 'import sys, os\n\nTOKEN = os.environ["TOKEN"]\n' },
    { name: 'import goes after the docstring and __future__ imports', lang: 'python', file: 'a.py', parser: 'python',
      src: `#!/usr/bin/env python3\n"""Module doc.\n\nMore."""\nfrom __future__ import annotations\nimport json\n\napi_key: str = "${S}"\n`,
      want: '#!/usr/bin/env python3\n"""Module doc.\n\nMore."""\nfrom __future__ import annotations\nimport os\nimport json\n\napi_key: str = os.environ["API_KEY"]\n' },
    { name: 'import after a docstring followed directly by code', lang: 'python', file: 'a.py', parser: 'python',
      src: `'''Doc.'''\nclient = Client(api_key="${S}")\n`, want: '\'\'\'Doc.\'\'\'\nimport os\n\nclient = Client(api_key=os.environ["API_KEY"])\n' },
    { name: 'inside a string becomes an f-string with braces doubled', lang: 'python', file: 'a.py', parser: 'python',
      src: `import os\nheaders = {"Authorization": "Bearer {x} ${S}"}\n`, want: 'import os\nheaders = {"Authorization": f"Bearer {{x}} {os.environ[\'JIRA_API_TOKEN\']}"}\n' },
    { name: 'inside a single-quoted string uses double quotes in the hole', lang: 'python', file: 'a.py', parser: 'python',
      src: `import os\nurl = 'postgres://u:${S}@h/db'\n`, want: 'import os\nurl = f\'postgres://u:{os.environ["JIRA_API_TOKEN"]}@h/db\'\n' },
    { name: 'inside an existing f-string', lang: 'python', file: 'a.py', parser: 'python',
      src: `import os\nauth = f"Bearer {prefix}${S}"\n`, want: 'import os\nauth = f"Bearer {prefix}{os.environ[\'AUTH\']}"\n' },
    { name: 'inside a triple-quoted raw string', lang: 'python', file: 'a.py', parser: 'python',
      src: `import os\nCONF = r"""\nkey=${S}\n"""\n`, want: 'import os\nCONF = rf"""\nkey={os.environ[\'CONF\']}\n"""\n' },
    { name: 'whole triple-quoted string', lang: 'python', file: 'a.py', parser: 'python',
      src: `import os\nsecret = """${S}"""\n`, want: 'import os\nsecret = os.environ["SECRET"]\n' },
    { name: 'bytes literal gets .encode()', lang: 'python', file: 'a.py', parser: 'python',
      src: `import os\nkey = b"${S}"\n`, want: 'import os\nkey = os.environ["KEY"].encode()\n' },
    { name: 'a string with an apostrophe in a comment before it', lang: 'python', file: 'a.py', parser: 'python',
      src: `import os\n# don't commit this\npassword = "${S}"\n`, want: 'import os\n# don\'t commit this\npassword = os.environ["PASSWORD"]\n' },
  ]);
});

describe('fixes: environment variable, Go', () => {
  runCases([
    { name: 'no import at all', lang: 'go', file: 'main.go', parser: 'go',
      src: `package main\n\nvar apiKey = "${S}"\n`, want: 'package main\n\nimport "os"\n\nvar apiKey = os.Getenv("API_KEY")\n' },
    { name: 'single import becomes a block', lang: 'go', file: 'main.go', parser: 'go',
      src: `package main\n\nimport "fmt"\n\nfunc main() {\n\ttoken := "${S}"\n\tfmt.Println(token)\n}\n`,
      want: 'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\ttoken := os.Getenv("TOKEN")\n\tfmt.Println(token)\n}\n' },
    { name: 'grouped imports get "os" in order', lang: 'go', file: 'main.go', parser: 'go',
      src: `package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() {\n\treq, _ := http.NewRequest("GET", "x", nil)\n\treq.Header.Set("Authorization", "Bearer ${S}")\n\tfmt.Println(req)\n}\n`,
      want: 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\treq, _ := http.NewRequest("GET", "x", nil)\n\treq.Header.Set("Authorization", "Bearer " + os.Getenv("JIRA_API_TOKEN"))\n\tfmt.Println(req)\n}\n' },
    { name: 'already imported; raw string split', lang: 'go', file: 'main.go', parser: 'go',
      src: `package main\n\nimport (\n\t"os"\n)\n\nvar dsn = \`postgres://u:${S}@h/db\`\n`,
      want: 'package main\n\nimport (\n\t"os"\n)\n\nvar dsn = `postgres://u:` + os.Getenv("JIRA_API_TOKEN") + `@h/db`\n' },
    { name: 'a const becomes a var', lang: 'go', file: 'main.go', parser: 'go',
      src: `package main\n\nconst secretToken = "${S}"\n`, want: 'package main\n\nimport "os"\n\nvar secretToken = os.Getenv("SECRET_TOKEN")\n' },
  ]);
});

describe('fixes: environment variable, JVM and .NET', () => {
  runCases([
    { name: 'Java whole literal', lang: 'java', file: 'App.java', parser: 'java',
      src: `class App {\n  static final String API_KEY = "${S}";\n}\n`, want: 'class App {\n  static final String API_KEY = System.getenv("API_KEY");\n}\n' },
    { name: 'Java inside a string, then a method call', lang: 'java', file: 'App.java', parser: 'java',
      src: `class App {\n  boolean f(String h) { return "Bearer ${S}".equals(h); }\n}\n`,
      want: 'class App {\n  boolean f(String h) { return ("Bearer " + System.getenv("JIRA_API_TOKEN")).equals(h); }\n}\n' },
    { name: 'Java text block uses formatted()', lang: 'java', file: 'App.java', parser: 'java',
      src: `class App {\n  String conf = """\n    rate: 5%\n    key: ${S}\n    """;\n}\n`,
      want: 'class App {\n  String conf = """\n    rate: 5%%\n    key: %s\n    """.formatted(System.getenv("CONF"));\n}\n' },
    { name: 'Kotlin inside a string uses a template', lang: 'kotlin', file: 'App.kt', parser: 'kotlin',
      src: `fun auth(): String {\n    val header = "Bearer ${S}"\n    return header\n}\n`,
      want: 'fun auth(): String {\n    val header = "Bearer ${System.getenv("JIRA_API_TOKEN")}"\n    return header\n}\n' },
    { name: 'Kotlin const val loses const', lang: 'kotlin', file: 'App.kt', parser: 'kotlin',
      src: `object Keys {\n    const val API_KEY = "${S}"\n}\n`, want: 'object Keys {\n    val API_KEY = System.getenv("API_KEY")\n}\n' },
    { name: 'C# whole literal', lang: 'csharp', file: 'App.cs', parser: 'csharp',
      src: `class App {\n  static string Token() { var apiToken = "${S}"; return apiToken; }\n}\n`,
      want: 'class App {\n  static string Token() { var apiToken = Environment.GetEnvironmentVariable("API_TOKEN"); return apiToken; }\n}\n' },
    { name: 'C# verbatim string split and public const turned static readonly', lang: 'csharp', file: 'App.cs', parser: 'csharp',
      src: `class App {\n  public const string Conn = @"Server=db;Password=${S};";\n}\n`,
      want: 'class App {\n  public static readonly string Conn = @"Server=db;Password=" + Environment.GetEnvironmentVariable("JIRA_API_TOKEN") + @";";\n}\n' },
  ]);
});

describe('fixes: environment variable, Ruby, PHP, Rust', () => {
  runCases([
    { name: 'Ruby whole literal', lang: 'ruby', file: 'a.rb', parser: 'ruby',
      src: `client = Client.new(api_key: "${S}")\n`, want: 'client = Client.new(api_key: ENV.fetch("API_KEY"))\n' },
    { name: 'Ruby double-quoted interpolation', lang: 'ruby', file: 'a.rb', parser: 'ruby',
      src: `auth = "Bearer ${S}"\n`, want: 'auth = "Bearer #{ENV.fetch("AUTH")}"\n' },
    { name: 'Ruby single-quoted becomes double-quoted', lang: 'ruby', file: 'a.rb', parser: 'ruby',
      src: `url = 'https://u:${S}@h/"x"#{y}'\n`, want: 'url = "https://u:#{ENV.fetch("JIRA_API_TOKEN")}@h/\\"x\\"\\#{y}"\n' },
    { name: 'PHP whole literal in an array', lang: 'php', file: 'a.php', parser: 'php',
      src: `<?php\n$config = ['password' => '${S}'];\n`, want: "<?php\n$config = ['password' => getenv('PASSWORD')];\n" },
    { name: 'PHP inside a string uses concatenation', lang: 'php', file: 'a.php', parser: 'php',
      src: `<?php\n$h = "Authorization: Bearer ${S}";\n`, want: '<?php\n$h = "Authorization: Bearer " . getenv(\'JIRA_API_TOKEN\');\n' },
    { name: 'Rust whole literal', lang: 'rust', file: 'lib.rs', parser: 'rust',
      src: `pub fn token() -> String {\n    let api_token = "${S}";\n    api_token.to_string()\n}\n`,
      want: 'pub fn token() -> String {\n    let api_token = std::env::var("API_TOKEN").expect("API_TOKEN must be set");\n    api_token.to_string()\n}\n' },
    { name: 'Rust inside a string uses format!', lang: 'rust', file: 'lib.rs', parser: 'rust',
      src: `pub fn auth() -> String {\n    let header = "Bearer {x} ${S}";\n    header.to_string()\n}\n`,
      want: 'pub fn auth() -> String {\n    let header = format!("Bearer {{x}} {}", std::env::var("JIRA_API_TOKEN").expect("JIRA_API_TOKEN must be set"));\n    header.to_string()\n}\n' },
  ]);

  it('Rust const is unsupported with a way out', () => {
    const r = planEnvVarFix(inputFor('rust', 'lib.rs', `pub const KEY: &str = "${S}";\n`));
    assert.equal(r.kind, 'unsupported');
    if (r.kind === 'unsupported') assert.match(r.alternatives.join(' '), /LazyLock|function/);
  });
});

describe('fixes: environment variable, shells and Dockerfile', () => {
  runCases([
    { name: 'shell unquoted assignment', lang: 'shellscript', file: 'deploy.sh', parser: 'bash',
      src: `#!/bin/sh\nexport JIRA_TOKEN=${S}\n`, want: '#!/bin/sh\nexport JIRA_TOKEN="${JIRA_TOKEN}"\n' },
    { name: 'shell double-quoted inner', lang: 'shellscript', file: 'deploy.sh', parser: 'bash',
      src: `curl -H "Authorization: Bearer ${S}" https://x.test\n`, want: 'curl -H "Authorization: Bearer ${JIRA_API_TOKEN}" https://x.test\n' },
    { name: 'shell single-quoted string is split', lang: 'shellscript', file: 'deploy.sh', parser: 'bash',
      src: `curl -H 'Authorization: Bearer ${S}' https://x.test\n`, want: 'curl -H \'Authorization: Bearer \'"${JIRA_API_TOKEN}" https://x.test\n' },
    { name: 'shell single-quoted whole literal', lang: 'shellscript', file: 'deploy.sh', parser: 'bash',
      src: `API_KEY='${S}'\n`, want: 'API_KEY="${API_KEY}"\n' },
    { name: 'shell unquoted inside a word', lang: 'shellscript', file: 'deploy.sh', parser: 'bash',
      src: `curl -u admin:${S} https://x.test\n`, want: 'curl -u admin:"${JIRA_API_TOKEN}" https://x.test\n' },
    { name: 'Dockerfile ENV gets an ARG', lang: 'dockerfile', file: 'Dockerfile',
      src: `FROM node:20\nENV NPM_TOKEN=${S}\nRUN npm ci\n`, want: 'FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\nRUN npm ci\n' },
    { name: 'Dockerfile RUN continuation line, ARG before the instruction', lang: 'dockerfile', file: 'build/Dockerfile',
      src: `FROM alpine\nRUN apk add curl && \\\n    curl -H 'X-Api-Key: ${S}' https://x.test\n`,
      want: 'FROM alpine\nARG JIRA_API_TOKEN\nRUN apk add curl && \\\n    curl -H \'X-Api-Key: \'"${JIRA_API_TOKEN}" https://x.test\n' },
    { name: 'PowerShell whole literal', lang: 'powershell', file: 'a.ps1',
      src: `$apiKey = "${S}"\n`, want: '$apiKey = $env:API_KEY\n' },
    { name: 'PowerShell inside double quotes', lang: 'powershell', file: 'a.ps1',
      src: `$h = @{ Authorization = "Bearer ${S}" }\n`, want: '$h = @{ Authorization = "Bearer ${env:JIRA_API_TOKEN}" }\n' },
    { name: 'PowerShell inside single quotes', lang: 'powershell', file: 'a.ps1',
      src: `$h = 'Bearer ${S}'\n`, want: "$h = ('Bearer ' + $env:JIRA_API_TOKEN)\n" },
  ]);
});

describe('fixes: environment variable, configuration files', () => {
  runCases([
    { name: 'Compose plain scalar', lang: 'yaml', file: 'docker-compose.yml', parser: 'yaml',
      src: `services:\n  app:\n    image: x\n    environment:\n      API_KEY: ${S}\n`,
      want: 'services:\n  app:\n    image: x\n    environment:\n      API_KEY: ${API_KEY}\n' },
    { name: 'Compose list item with the secret inside', lang: 'yaml', file: 'compose.yaml', parser: 'yaml',
      src: `services:\n  app:\n    environment:\n      - DATABASE_URL=postgres://u:${S}@db/app\n`,
      want: 'services:\n  app:\n    environment:\n      - DATABASE_URL=postgres://u:${JIRA_API_TOKEN}@db/app\n' },
    { name: 'GitHub workflow uses an Actions secret', lang: 'yaml', file: '.github/workflows/ci.yml', parser: 'yaml',
      src: `on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: deploy\n        env:\n          DEPLOY_TOKEN: "${S}"\n`,
      want: 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: deploy\n        env:\n          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n' },
    { name: 'Spring application.yml', lang: 'yaml', file: 'src/main/resources/application.yml', parser: 'yaml',
      src: `spring:\n  datasource:\n    password: '${S}'\n`, want: 'spring:\n  datasource:\n    password: ${PASSWORD}\n' },
    { name: 'YAML flow mapping keeps quotes', lang: 'yaml', file: 'docker-compose.yml', parser: 'yaml',
      src: `x: {token: ${S}}\n`, want: 'x: {token: "${TOKEN}"}\n' },
    { name: '.properties value', lang: 'properties', file: 'application.properties',
      src: `spring.datasource.password=${S}\n`, want: 'spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}\n' },
    { name: 'Terraform adds a sensitive variable', lang: 'terraform', file: 'main.tf',
      src: `provider "datadog" {\n  api_key = "${S}"\n}\n`,
      want: 'provider "datadog" {\n  api_key = var.api_key\n}\n\nvariable "api_key" {\n  type      = string\n  sensitive = true\n}\n' },
    { name: 'Terraform inside a string interpolates', lang: 'terraform', file: 'main.tf',
      src: `locals {\n  url = "https://u:${S}@h"\n}\nvariable "jira_api_token" {}\n`,
      want: 'locals {\n  url = "https://u:${var.jira_api_token}@h"\n}\nvariable "jira_api_token" {}\n' },
  ]);

  it('GitHub workflow leaves .env alone and says where the value goes', () => {
    const r = planEnvVarFix(inputFor('yaml', '.github/workflows/ci.yml', `env:\n  GITHUB_PAT: ${S}\n`));
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.envFileEdit, 'unchanged');
    assert.equal(r.store, 'github-actions-secret');
    assert.equal(r.varName, 'GH_PAT');
  });

  it('Terraform stores TF_VAR_ in .env', () => {
    const r = planEnvVarFix(inputFor('terraform', 'main.tf', `x = "${S}"\n`, { secret: 'abc123xyz' }));
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') assert.deepEqual(r.envFileEdit, { newText: 'TF_VAR_jira_api_token=abc123xyz\n' });
  });

  for (const [lang, file, src] of [
    ['json', 'config.json', `{"password": "${S}"}`], ['plaintext', 'notes.txt', `token ${S}`],
    ['dotenv', '.env', `TOKEN=${S}\n`], ['yaml', 'k8s/deploy.yaml', `apiVersion: v1\nkind: Pod\nspec:\n  token: ${S}\n`],
    ['terraform', 'prod.tfvars', `api_key = "${S}"\n`],
  ] as const) {
    it(`${file}: unsupported, with a reason and alternatives`, () => {
      const r = planEnvVarFix(inputFor(lang, file, src));
      assert.equal(r.kind, 'unsupported');
      if (r.kind !== 'unsupported') return;
      assert.ok(r.reason.length > 10);
      assert.ok(r.alternatives.length > 0);
    });
  }
  it('JSON alternatives mention .env and a secrets manager', () => {
    const r = planEnvVarFix(inputFor('json', 'a.json', `{"k": "${S}"}`));
    assert.ok(r.kind === 'unsupported' && /\.env/.test(r.alternatives.join()) && /secrets manager/i.test(r.alternatives.join()));
  });
});
