// Shared by the fixes*.test.ts suites: fixtures with a fake secret, and syntax checks with each language's own parser.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { expandFakes } from '../../src/core';
import { applyEdits } from '../../src/fixes';
import type { FixInput, TextEdit } from '../../src/fixes';

/** Marker for the secret inside fixture templates. */
export const S = '<<SECRET>>';

/** A fake secret, the same on every run for one seed. */
export function fakeSecret(seed: string): string {
  return expandFakes('[[alnum:8]]_[[alnum:24]]', seed);
}

/** A FixInput for `template` with the marker replaced by a fake secret (or by `secret`). */
export function inputFor(languageId: string, fileName: string, template: string, opts: { secret?: string; envFileText?: string; ruleEnvVar?: string } = {}): FixInput {
  const secret = opts.secret ?? fakeSecret(`${fileName}:${template}`);
  const at = template.indexOf(S);
  assert.ok(at >= 0, 'template needs the secret marker');
  const text = template.replace(S, secret);
  return {
    languageId, fileName, text, secretStart: at, secretEnd: at + secret.length, secret,
    ruleEnvVar: opts.ruleEnvVar ?? 'JIRA_API_TOKEN', ruleId: 'test-rule', envFileText: opts.envFileText,
  };
}

/** The document after the edits; snippet placeholders `${1:x}` are reduced to their default text. */
export function applied(input: FixInput, edits: readonly TextEdit[]): string {
  return applyEdits(input.text, edits.map((e) => (e.isSnippet ? { ...e, newText: snippetToText(e.newText) } : e)));
}

/** What VS Code inserts for a snippet when the user accepts every default. */
export function snippetToText(snippet: string): string {
  let out = snippet;
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(/\$\{\d+:([^{}$]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return out.replace(/\\([$}\\])/g, '$1');
}

/** Languages whose parser we run. */
export type Parser = 'ts' | 'js' | 'tsx' | 'jsx' | 'mjs' | 'python' | 'go' | 'java' | 'kotlin' | 'csharp' | 'ruby' | 'php' | 'rust' | 'bash' | 'yaml';

const DEBIAN: Record<string, string> = {
  python3: 'python3', gofmt: 'golang-go', java: 'default-jdk-headless (or openjdk-17-jdk-headless)', kotlinc: 'kotlin',
  mcs: 'mono-mcs', ruby: 'ruby', php: 'php-cli', rustc: 'rustc', bash: 'bash',
};

let workDir: string | undefined;
function tmp(name: string, content: string): string {
  workDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-fixes-'));
  const dir = fs.mkdtempSync(path.join(workDir, 'f-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function run(tool: string, args: string[], what: string): void {
  const r = spawnSync(tool, args, { encoding: 'utf8', timeout: 60000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    assert.fail(`${tool} is not installed: install the Debian package ${DEBIAN[tool] ?? tool} to run the syntax checks`);
  }
  assert.equal(r.status, 0, `${tool} rejected the rewritten ${what}:\n${r.stdout}${r.stderr}`);
}

const JAVA_PARSER = `
import javax.tools.*; import com.sun.source.util.JavacTask; import java.util.*;
public class ParseOnly { public static void main(String[] a) throws Exception {
  JavaCompiler c = ToolProvider.getSystemJavaCompiler(); DiagnosticCollector<JavaFileObject> d = new DiagnosticCollector<>();
  StandardJavaFileManager fm = c.getStandardFileManager(d, null, null);
  JavacTask t = (JavacTask) c.getTask(null, fm, d, List.of("-proc:none"), null, fm.getJavaFileObjects(a));
  t.parse(); int errors = 0;
  for (Diagnostic<?> x : d.getDiagnostics()) if (x.getKind() == Diagnostic.Kind.ERROR) { System.err.println(x); errors++; }
  System.exit(errors == 0 ? 0 : 1); } }`;

const AWAIT_ERRORS = new Set([1308, 1375, 1378, 1431, 1432, 1103]);

/** Fails unless `code` parses as `parser`; JS/TS also fail on `await` where it is not allowed. */
export function assertParses(parser: Parser, code: string, fileName?: string): void {
  switch (parser) {
    case 'ts': case 'js': case 'tsx': case 'jsx': case 'mjs': {
      const name = fileName ?? `fixture.${parser}`;
      const host = ts.createCompilerHost({});
      const options: ts.CompilerOptions = {
        noEmit: true, noResolve: true, allowJs: true, checkJs: true, target: ts.ScriptTarget.ES2022,
        module: /\.(mjs|mts)$/.test(name) ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS, jsx: ts.JsxEmit.Preserve,
        types: [], lib: ['lib.es2022.d.ts'], moduleDetection: ts.ModuleDetectionKind.Auto,
      };
      if (/\.(ts|tsx)$/.test(name)) options.module = ts.ModuleKind.ES2022;
      const orig = host.getSourceFile.bind(host);
      host.getSourceFile = (f, lang, ...rest) => (f === name ? ts.createSourceFile(f, code, lang, true) : orig(f, lang, ...rest));
      const program = ts.createProgram([name], options, host);
      const sf = program.getSourceFile(name)!;
      const syntax = program.getSyntacticDiagnostics(sf);
      const awaits = program.getSemanticDiagnostics(sf).filter((d) => AWAIT_ERRORS.has(d.code));
      const all = [...syntax, ...awaits].map((d) => `${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      assert.deepEqual(all, [], `TypeScript rejected the rewritten ${name}:\n${code}`);
      return;
    }
    case 'python': return run('python3', ['-m', 'py_compile', tmp('fixture.py', code)], 'Python file');
    case 'go': return run('gofmt', ['-e', tmp('fixture.go', code)], 'Go file');
    case 'java': {
      const checker = tmp('ParseOnly.java', JAVA_PARSER);
      return run('java', [checker, tmp(fileName ?? 'Fixture.java', code)], 'Java file');
    }
    case 'kotlin': {
      const f = tmp('fixture.kt', code);
      return run('kotlinc', [f, '-d', path.join(path.dirname(f), 'out')], 'Kotlin file');
    }
    case 'csharp': return run('mcs', ['--parse', tmp('Fixture.cs', code)], 'C# file');
    case 'ruby': return run('ruby', ['-c', tmp('fixture.rb', code)], 'Ruby file');
    case 'php': return run('php', ['-l', tmp('fixture.php', code)], 'PHP file');
    case 'rust': {
      const f = tmp('fixture.rs', code);
      return run('rustc', ['--edition', '2021', '--crate-type', 'lib', '--emit=metadata', '-o', path.join(path.dirname(f), 'lib.rmeta'), f], 'Rust file');
    }
    case 'bash': return run('bash', ['-n', tmp('fixture.sh', code)], 'shell script');
    case 'yaml': {
      for (const doc of parseAllDocuments(code)) {
        assert.deepEqual(doc.errors.map((e) => e.message), [], `YAML rejected:\n${code}`);
      }
      parseYaml(code);
      return;
    }
  }
}
