import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FAMILIES } from '../../src/core';
import { secretFileKind } from '../../src/core/secretFiles';
import { expandCorpusText, loadCorpus } from '../helpers/corpus';
import { builtin, ROOT } from '../helpers/rules';

describe('accuracy corpus (test/corpus)', () => {
  const corpus = loadCorpus(path.join(ROOT, 'test', 'corpus'));
  const { rules, engine } = builtin();
  const byId = new Map(rules.map((r) => [r.id, r]));
  const positives = corpus.filter((f) => !f.negative);
  const negatives = corpus.filter((f) => f.negative);

  it('loads, with labels that name existing rules and point at planted fake secrets', () => {
    assert.ok(positives.length >= 30 && negatives.length >= 20, `${positives.length} positive and ${negatives.length} negative files`);
    for (const file of corpus) {
      assert.ok(!file.text.includes('⟪') && !/\[\[(?:alnum|hex|b64|b64url|upper|lower|digits|b32|alpha|HEX|jwt|npm|pypi|github)\b/.test(file.text), `${file.path}: unexpanded label or template`);
      if (file.negative) assert.equal(file.labels.length, 0, `${file.path}: negatives carry no labels`);
      for (const label of file.labels) {
        assert.ok(byId.has(label.ruleId), `${file.path}:${label.line}: unknown rule ${label.ruleId}`);
        assert.match(file.text.slice(label.offset, label.offset + 8), /^[^\s"'`]{8}/, `${file.path}:${label.line}: label not before a secret`);
      }
    }
  });

  it('plants secrets of every rule family', () => {
    const families = new Set(positives.flatMap((f) => f.labels.map((l) => byId.get(l.ruleId)?.family)));
    assert.deepEqual(FAMILIES.filter((f) => !families.has(f)), []);
  });

  it('finds every planted secret with the labeled rule', () => {
    const missed: string[] = [];
    for (const file of positives) {
      const found = engine.detect(file.text, { path: file.path });
      for (const label of file.labels) {
        const lineEnd = file.text.indexOf('\n', label.offset);
        const end = lineEnd === -1 ? file.text.length : lineEnd;
        const hit = found.some((f) => f.ruleId === label.ruleId && f.start < Math.max(end, label.offset + 1) && f.end > label.offset);
        if (!hit) missed.push(`${file.path}:${label.line} ${label.ruleId} (found: ${found.filter((f) => f.range.start.line + 1 === label.line).map((f) => f.ruleId).join(', ') || 'nothing'})`);
      }
    }
    assert.deepEqual(missed, []);
  });

  it('raises no alarm on the hard negatives (informational findings aside)', () => {
    const alarms = negatives.flatMap((file) =>
      engine.detect(file.text, { path: file.path }).filter((f) => f.severity !== 'info').map((f) => `${file.path}:${f.range.start.line + 1} ${f.ruleId} ${f.masked}`),
    );
    assert.deepEqual(alarms, []);
  });

  it('expands labels and templates with stable offsets', () => {
    const { text, labels } = expandCorpusText('a = 1\nkey = "⟪demo-rule⟫[[hex:8]]"\n[[runners]]\n', 'seed');
    assert.equal(labels.length, 1);
    assert.deepEqual([labels[0]!.line, labels[0]!.column], [2, 8]);
    assert.match(text.slice(labels[0]!.offset), /^[0-9a-f]{8}"\n\[\[runners\]\]\n$/);
  });
});

describe('secret files recognised by name', () => {
  it('names binary key stores and leaves other files alone', () => {
    assert.equal(secretFileKind('certs/client.p12')?.ruleId, 'pkcs12-keystore-file');
    assert.equal(secretFileKind('C:\\dev\\app\\signing.PFX')?.ruleId, 'pkcs12-keystore-file');
    assert.equal(secretFileKind('android/app/release.keystore')?.ruleId, 'java-keystore-file');
    assert.equal(secretFileKind('server.jks')?.ruleId, 'java-keystore-file');
    assert.equal(secretFileKind('home/.gnupg/secring.gpg')?.ruleId, 'pgp-secret-keyring-file');
    assert.equal(secretFileKind('team/passwords.kdbx')?.ruleId, 'keepass-database-file');
    for (const p of ['src/keystore.ts', 'config/truststore.jks', 'certs/client.truststore.p12', 'keys/id_rsa', 'cert.pem', 'pubring.gpg']) {
      assert.equal(secretFileKind(p), undefined, p);
    }
  });
});
