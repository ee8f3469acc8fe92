// As a user: open the Leakless view from the activity bar, press its "Scan Workspace" button, and see the findings
// of files that were never opened, grouped by file with counts and masked values; click one to open it.
// Run by test/harness/run.js --ui, which passes ctx (see runUi there).
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Fake secrets made at run time, so that no token-shaped literal is committed. */
function fake(prefix, length, chars = B64URL) {
  let body = '';
  for (const b of crypto.randomBytes(length)) body += chars[b % chars.length];
  return `${prefix}${body}`;
}

async function run(ctx) {
  const { page, log } = ctx;
  const jira = fake('ATATT3', 186);
  const files = {
    'src/jira.js': `const jira = require('./client');\n\nconst token = "${jira}";\nmodule.exports = jira.connect(token);\n`,
    'config/settings.py': `DEBUG = False\nBITBUCKET_APP_PASSWORD = "${fake('ATBB', 32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}"\n`,
    'deploy/.env.production': `NODE_ENV=production\nJIRA_API_TOKEN=${fake('ATATT3', 186)}\n`,
    'README.md': '# Service\n\nSet JIRA_API_TOKEN in your environment.\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ctx.workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(ctx.workspace, rel), text);
  }

  await page.goto(ctx.url());
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  const viewIcon = page.locator('.activitybar .action-item a[aria-label^="Leakless"]').first();
  await viewIcon.waitFor({ timeout: 30000 });
  await viewIcon.click();
  const scanButton = page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Scan Workspace' }).first();
  await scanButton.waitFor({ timeout: 15000 });
  log('the Leakless view shows its welcome with a Scan Workspace button');
  await scanButton.click();

  const rows = page.locator('.pane-body .monaco-list-row');
  for (const file of ['jira.js', 'settings.py', '.env.production']) {
    await rows.filter({ hasText: file }).first().waitFor({ timeout: 30000 });
  }
  const text = (await rows.allInnerTexts()).join('\n');
  if (text.includes(jira.slice(6, 40))) throw new Error('the view shows a raw secret');
  if (text.includes('README.md')) throw new Error('a clean file is listed');
  log('findings listed for the three files, masked');
  await ctx.shot('scanned');

  // Open a finding from the view: the editor shows the file with the secret selected.
  const findingRow = rows.filter({ hasText: 'Atlassian API token' }).last(); // src/jira.js sorts last
  await findingRow.click();
  await page.waitForSelector('.tab[data-resource-name="jira.js"]', { timeout: 15000 });
  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 15000 });
  log('clicking the finding opened jira.js at the secret');
  await ctx.shot('revealed');
}

module.exports = { run };
