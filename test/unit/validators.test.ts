import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, expandFakes, parseRuleFile } from '../../src/core';
import { VALIDATORS } from '../../src/core/validators';
import { ROOT } from '../helpers/rules';

const npm = VALIDATORS['npm-crc32']!;
const pypi = VALIDATORS['pypi-macaroon']!;

/** An engine over the package-registry rules only, so these tests do not depend on other rule files. */
function registryEngine(): Engine {
  const file = path.join(ROOT, 'rules', 'package-registries.yaml');
  const { rules, errors } = parseRuleFile(fs.readFileSync(file, 'utf8'), 'package-registries.yaml');
  assert.deepEqual(errors.map((e) => e.message), []);
  return new Engine(rules);
}

/** Swaps the last character of a token for another alphanumeric one, breaking a trailing checksum. */
function breakLast(token: string): string {
  const last = token[token.length - 1]!;
  return token.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

/** A PyPI-shaped token built from explicit macaroon header fields (no caveats, random-looking signature). */
function pypiToken(location: string, identifier: string): string {
  const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
  const bytes = [0x02, 0x01, location.length, ...ascii(location), 0x02, identifier.length, ...ascii(identifier), 0x00, 0x00, 0x06, 32];
  for (let i = 0; i < 32; i++) bytes.push((i * 37 + 11) & 0xff);
  const b64 = btoa(String.fromCharCode(...bytes)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `pypi-${b64}`;
}

describe('validators: npm-crc32', () => {
  it('accepts an npm token whose last six characters are the base62 CRC32 of the thirty before', () => {
    for (let i = 0; i < 20; i++) assert.equal(npm(expandFakes('[[npm]]', `npm#${i}`)), 'valid');
  });

  it('rejects a token with a broken checksum', () => {
    assert.equal(npm(breakLast(expandFakes('[[npm]]', 'npm#broken'))), 'invalid');
  });

  it('has no opinion on strings of another shape', () => {
    assert.equal(npm('npm_short'), 'unknown');
    assert.equal(npm(expandFakes('[[github:ghp_]]', 'gh')), 'unknown');
  });

  it('makes detect() report a valid token with high confidence and a malformed one with low', () => {
    const engine = registryEngine();
    const token = expandFakes('[[npm]]', 'npm#detect');
    assert.deepEqual(engine.detect(`NPM_TOKEN=${token}`).map((f) => f.ruleId), ['npm-access-token']);
    assert.deepEqual(engine.detect(`NPM_TOKEN=${breakLast(token)}`).map((f) => f.ruleId), []);
  });
});

describe('validators: pypi-macaroon', () => {
  it('accepts PyPI and TestPyPI tokens with a well-formed macaroon header', () => {
    assert.equal(pypi(expandFakes('[[pypi]]', 'pypi#1')), 'valid');
    assert.equal(pypi(expandFakes('[[pypi:test]]', 'pypi#2')), 'valid');
    assert.equal(pypi(pypiToken('pypi.org', '0b4b8e1c-3f7a-4d2e-9c61-5a8f0e2d7b93')), 'valid');
  });

  it('calls a pypi.org macaroon whose identifier is not a UUID malformed (reported, low confidence)', () => {
    assert.equal(pypi(pypiToken('pypi.org', 'not-a-uuid-but-thirty-six-characters')), 'malformed');
    assert.equal(pypi(`pypi-AgEIcHlwaS5vcmc${'Q'.repeat(80)}`), 'malformed');
  });

  it('rejects a macaroon for another location, and undecodable text', () => {
    assert.equal(pypi(pypiToken('evil.example', '0b4b8e1c-3f7a-4d2e-9c61-5a8f0e2d7b93')), 'invalid');
    assert.equal(pypi('pypi-@@@@'), 'invalid');
  });

  it('has no opinion on strings without the pypi- prefix', () => {
    assert.equal(pypi('npm_abc'), 'unknown');
  });

  it('makes detect() report a valid token with high confidence and a malformed one with low', () => {
    const engine = registryEngine();
    const valid = expandFakes('[[pypi]]', 'pypi#detect');
    const corrupted = pypiToken('pypi.org', 'not-a-uuid-but-thirty-six-characters');
    assert.ok(corrupted.startsWith('pypi-AgEIcHlwaS5vcmc'), 'the corrupted token still has the PyPI prefix');
    assert.deepEqual(engine.detect(`TWINE_PASSWORD=${valid}`).map((f) => f.ruleId), ['pypi-api-token']);
    assert.deepEqual(engine.detect(`TWINE_PASSWORD=${valid}`).map((f) => f.confidence), ['high']);
    assert.deepEqual(engine.detect(`TWINE_PASSWORD=${corrupted}`).map((f) => [f.ruleId, f.confidence]), [['pypi-api-token', 'low']]);
    assert.deepEqual(engine.detect(`TWINE_PASSWORD=${pypiToken('evil.example', '0b4b8e1c-3f7a-4d2e-9c61-5a8f0e2d7b93')}`).map((f) => f.ruleId).filter((id) => id.includes('pypi')), []);
  });
});
