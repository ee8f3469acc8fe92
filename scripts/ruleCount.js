// Prints how many rules, providers and rules per family the built-in rule set has (npm run rules:count).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const dir = path.join(__dirname, '..', 'rules');
const families = new Map();
const providers = new Set();
let total = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  const doc = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  for (const rule of doc.rules) {
    total++;
    providers.add(rule.provider ?? doc.provider);
    families.set(doc.family, (families.get(doc.family) ?? 0) + 1);
  }
}
console.log(`${total} rules for ${providers.size} providers`);
for (const [family, n] of [...families].sort((a, b) => b[1] - a[1])) console.log(`  ${family.padEnd(18)} ${n}`);
