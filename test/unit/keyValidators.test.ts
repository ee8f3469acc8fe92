import * as assert from 'node:assert/strict';
import { expandFakes } from '../../src/core';
import { VALIDATORS } from '../../src/core/validators';
import { builtin } from '../helpers/rules';

const pem = (type: string, body: string): string => `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;

describe('offline structure checks of private keys', () => {
  const { engine } = builtin();

  it('a PEM key whose body is DER (a SEQUENCE, base64 "M…") is reported; one whose body cannot be DER is not', () => {
    const good = pem('RSA PRIVATE KEY', expandFakes('MIIEpAIBAAKCAQEA[[b64:48]]\n[[b64:64]]\n[[b64:64]]', 'der-good'));
    const bad = pem('RSA PRIVATE KEY', expandFakes('QUJD[[b64:60]]\n[[b64:64]]\n[[b64:64]]', 'der-bad'));
    assert.equal(VALIDATORS['pem-der']!(good), 'valid');
    assert.equal(VALIDATORS['pem-der']!(bad), 'invalid');
    assert.deepEqual(engine.detect(`key = """\n${good}"""`).map((f) => f.ruleId), ['private-key-rsa']);
    assert.deepEqual(engine.detect(`key = """\n${bad}"""`).map((f) => f.ruleId).filter((id) => id === 'private-key-rsa'), []);
  });

  it('handles bodies written as escaped strings, and says "unknown" for what it cannot read', () => {
    const escaped = `"-----BEGIN PRIVATE KEY-----\\n${expandFakes('MIIEvQIBADANBgkqhkiG[[b64:44]]\\n[[b64:64]]', 'esc')}\\n-----END PRIVATE KEY-----\\n"`;
    assert.equal(VALIDATORS['pem-der']!(escaped), 'valid');
    assert.equal(VALIDATORS['pem-der']!('-----BEGIN PRIVATE KEY-----\n<redacted>\n-----END PRIVATE KEY-----'), 'unknown');
  });

  it('an OpenSSH key must carry the openssh-key-v1 magic', () => {
    const good = pem('OPENSSH PRIVATE KEY', expandFakes('b3BlbnNzaC1rZXktdjEAAAAABG5vbmU[[b64:40]]\n[[b64:70]]', 'ssh-good'));
    const bad = pem('OPENSSH PRIVATE KEY', expandFakes('c3NoLXJzYQAAAAMBAAEAAAGB[[b64:40]]\n[[b64:70]]', 'ssh-bad'));
    assert.equal(VALIDATORS['openssh-key']!(good), 'valid');
    assert.equal(VALIDATORS['openssh-key']!(bad), 'invalid');
    assert.deepEqual(engine.detect(bad).filter((f) => f.ruleId === 'private-key-openssh'), []);
  });
});

describe('AWS access key ids', () => {
  const { engine } = builtin();

  it('are reported with high confidence when the id is base-32 like real ones, and medium otherwise', () => {
    const real = expandFakes('AKIA[[b32:16]]', 'aws-real');
    const other = `AKIA${'Q8W0ZR1XN9PLM4TU'}`;
    const [a] = engine.detect(`AWS_ACCESS_KEY_ID=${real}`).filter((f) => f.ruleId === 'aws-access-key-id');
    const [b] = engine.detect(`AWS_ACCESS_KEY_ID=${other}`).filter((f) => f.ruleId === 'aws-access-key-id');
    assert.equal(a?.confidence, 'high');
    assert.equal(b?.confidence, 'medium');
  });
});
