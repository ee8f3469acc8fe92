import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { leakless, plant, useScratch } from './pipelineHelpers';

describe('files that are secrets by name (key stores) through the CLI', function () {
  this.timeout(60000);
  const scratch = useScratch();

  it('reports a binary key store the content rules cannot read, but not a trust store', () => {
    const dir = scratch().folder();
    plant(dir, { 'certs/server.p12': crypto.randomBytes(1500), 'certs/truststore.jks': crypto.randomBytes(800), 'src/ok.js': 'module.exports = 1;\n' });
    const r = leakless(dir, ['scan', '-f', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<{ file: string; ruleId: string; masked: string; line: number }>;
    assert.deepEqual(rows.map((x) => [x.file, x.ruleId, x.masked, x.line]), [['certs/server.p12', 'pkcs12-keystore-file', 'server.p12', 1]]);
    const sarif = JSON.parse(leakless(dir, ['scan', '-f', 'sarif']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleIndex: number }> }> };
    assert.equal(sarif.runs[0]!.tool.driver.rules[sarif.runs[0]!.results[0]!.ruleIndex]!.id, 'pkcs12-keystore-file');
    assert.equal(leakless(dir, ['scan', '--disable-rule', 'pkcs12-keystore-file']).status, 0);
  });
});
