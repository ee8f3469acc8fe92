// As a user: open a new file, type a (fake) Jira API token, see the warning squiggle and one warning in the status
// bar; select all, delete, and see both go. Run by test/harness/run.js --ui, which passes ctx (see runUi there).
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const FILE = '.env';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A fake Atlassian API token, made at run time so that no token-shaped literal is committed. */
function fakeJiraToken() {
  const bytes = crypto.randomBytes(186);
  let body = '';
  for (const b of bytes) body += B64URL[b % 64];
  return `ATATT3${body}`;
}

/** Reads the error and warning counts from the Problems status bar entry's aria-label ("Warnings: 1", "No Problems"). */
function problemCounts(label) {
  const count = (word) => {
    const m = new RegExp(`${word}s?:\\s*(\\d+)|(\\d+)\\s+${word}`, 'i').exec(label || '');
    return m ? Number(m[1] ?? m[2]) : 0;
  };
  return { errors: count('error'), warnings: count('warning'), label };
}

async function waitForProblems(page, want, timeout) {
  const entry = page.locator('[id="status.problems"]');
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = problemCounts(await entry.getAttribute('aria-label', { timeout: 1000 }).catch(() => null));
    if (last.label !== null && last.errors === want.errors && last.warnings === want.warnings) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`status bar problems: wanted ${want.errors} errors and ${want.warnings} warnings, saw ${JSON.stringify(last && last.label)}`);
}

/** The test: ctx comes from the harness (page, workspace, url(), remoteUri(), shot(), log()). */
async function run(ctx) {
  const { page, log } = ctx;
  const file = path.join(ctx.workspace, FILE);
  fs.writeFileSync(file, '');

  await page.goto(ctx.url([['openFile', ctx.remoteUri(file)]]));
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector(`.tab[data-resource-name="${FILE}"]`, { timeout: 30000 });
  log('workbench loaded with', FILE, 'open');
  await waitForProblems(page, { errors: 0, warnings: 0 }, 30000);

  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.type(`JIRA_API_TOKEN=${fakeJiraToken()}`);
  await page.keyboard.press('Enter');
  log('typed a fake Jira token');
  await ctx.shot('typed');

  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 30000 });
  const shown = await waitForProblems(page, { errors: 0, warnings: 1 }, 15000);
  log('squiggle shown; status bar:', JSON.stringify(shown.label));
  await ctx.shot('warning');

  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.waitForSelector('.monaco-editor .squiggly-warning', { state: 'detached', timeout: 15000 });
  const cleared = await waitForProblems(page, { errors: 0, warnings: 0 }, 15000);
  log('squiggle gone; status bar:', JSON.stringify(cleared.label));
  await ctx.shot('cleared');
}

module.exports = { run };
