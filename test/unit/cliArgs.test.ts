import * as assert from 'node:assert/strict';
import { parseArgs, parseSize, UsageError, type ScanArgs } from '../../src/cli/args';
import { errorMessage } from '../../src/cli/run';
import { RuleError, RuleErrors } from '../../src/core';

function scan(...argv: string[]): ScanArgs {
  const inv = parseArgs(['scan', ...argv]);
  assert.equal(inv.command, 'scan');
  return inv as ScanArgs;
}

describe('CLI arguments', () => {
  it('defaults: the current folder, text, everything, 1 MB, gitignore on, colour automatic', () => {
    const a = scan();
    assert.deepEqual(a.paths, ['.']);
    assert.equal(a.format, 'text');
    assert.equal(a.minConfidence, 'low');
    assert.equal(a.maxFileSize, 1024 * 1024);
    assert.equal(a.gitignore, true);
    assert.equal(a.followSymlinks, false);
    assert.equal(a.showSecrets, false);
    assert.equal(a.color, undefined);
    assert.equal(a.output, undefined);
  });

  it('reads long, --name=value and short forms, anywhere on the line', () => {
    const a = scan('src', '-f', 'sarif', '--output=r.sarif', 'lib', '--min-confidence', 'medium', '-ojson.out');
    assert.deepEqual(a.paths, ['src', 'lib']);
    assert.equal(a.format, 'sarif');
    assert.equal(a.output, 'json.out');
    assert.equal(a.minConfidence, 'medium');
  });

  it('repeats --exclude and --disable-rule (which also takes commas)', () => {
    const a = scan('--exclude', 'dist/', '--exclude=*.min.js', '--disable-rule', 'a-b,c-d', '--disable-rule', 'e');
    assert.deepEqual(a.exclude, ['dist/', '*.min.js']);
    assert.deepEqual(a.disabledRules, ['a-b', 'c-d', 'e']);
  });

  it('treats everything after -- as paths', () => {
    assert.deepEqual(scan('--', '--weird-name', '-x').paths, ['--weird-name', '-x']);
  });

  it('colour flags', () => {
    assert.equal(scan('--no-color').color, false);
    assert.equal(scan('--color').color, true);
    assert.throws(() => scan('--color', '--no-color'), UsageError);
  });

  it('help and version win over everything else', () => {
    assert.deepEqual(parseArgs(['--help']), { command: 'help' });
    assert.deepEqual(parseArgs(['scan', '--format', 'json', '-h']), { command: 'help' });
    assert.deepEqual(parseArgs(['--version']), { command: 'version' });
    assert.deepEqual(parseArgs(['-V']), { command: 'version' });
  });

  it('sizes: bytes, k, kb, m, mb, g, decimals; k = 1024', () => {
    assert.equal(parseSize('500'), 500);
    assert.equal(parseSize('500k'), 500 * 1024);
    assert.equal(parseSize('500KB'), 500 * 1024);
    assert.equal(parseSize('2mb'), 2 * 1024 * 1024);
    assert.equal(parseSize('2M'), 2 * 1024 * 1024);
    assert.equal(parseSize('1.5mb'), 1.5 * 1024 * 1024);
    assert.equal(parseSize('1g'), 1024 ** 3);
    assert.equal(parseSize('10b'), 10);
    for (const bad of ['', 'big', '-1', '0', '1tb', '2 mbs']) assert.throws(() => parseSize(bad), UsageError, bad);
  });

  it('usage errors read as one line pointing at --help', () => {
    const cases: [string[], string][] = [
      [['scan', '--foo'], 'leakless: unknown option --foo (see leakless --help)\n'],
      [['scan', '-z'], 'leakless: unknown option -z (see leakless --help)\n'],
      [['scan', '--output'], 'leakless: --output needs a value (see leakless --help)\n'],
      [['scan', '--format', 'yaml'], 'leakless: --format must be text, json or sarif (got "yaml") (see leakless --help)\n'],
      [['list'], 'leakless: unknown command "list" (see leakless --help)\n'],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => parseArgs(argv), (e: unknown) => {
        assert.equal(errorMessage(e), message);
        return true;
      });
    }
  });

  it('rule errors become one line each, other errors one line without a stack', () => {
    const err = new RuleErrors([new RuleError('rules/x.yaml', 4, 'x-token', 'regex', 'does not compile')]);
    assert.equal(errorMessage(err), 'leakless: invalid rule: rules/x.yaml:4: rule "x-token", field "regex": does not compile\n');
    assert.equal(errorMessage(new Error('boom\n    at somewhere')), 'leakless: boom\n');
  });
});
