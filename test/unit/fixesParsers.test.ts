import * as assert from 'node:assert/strict';
import { assertParses, type Parser } from './fixesHarness';

// The syntax checks must be able to fail: each parser rejects a broken file (and is installed).
describe('fixes: the syntax checkers reject broken code', () => {
  const broken: [Parser, string][] = [
    ['ts', 'const x = ;'], ['js', 'const x = "a'], ['js', 'const x = await f();'], ['mjs', 'function f() { await g(); }'], ['python', 'x = f"{"'],
    ['go', 'package a\nfunc f() { x := }'], ['java', 'class A { void f() { int x = ; } }'],
    ['kotlin', 'fun f() { val x = "a }'], ['csharp', 'class A { void F() { var x = ; } }'], ['ruby', 'def f('],
    ['php', '<?php $x = ;'], ['rust', 'pub fn f() { let x = ; }'], ['bash', 'if then fi'], ['yaml', 'a: [b\nc: d'],
  ];
  for (const [parser, code] of broken) {
    it(parser, () => {
      assert.throws(() => assertParses(parser, code), (e: Error) => !/is not installed/.test(e.message));
    });
  }
});
