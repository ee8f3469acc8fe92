// As a user: open a file holding a (fake) Jira token, hover the warning to read what it is, press Ctrl+. and choose
// "Replace with process.env…", save, and find the code fixed and the value in .env on disk.
// Run by test/harness/run.js --ui, which passes ctx (see runUi there).
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const FILE = 'app.js';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A fake Atlassian API token, made at run time so that no token-shaped literal is committed. */
function fakeJiraToken() {
  let body = '';
  for (const b of crypto.randomBytes(186)) body += B64URL[b % 64];
  return `ATATT3${body}`;
}

async function run(ctx) {
  const { page, log } = ctx;
  const token = fakeJiraToken();
  const file = path.join(ctx.workspace, FILE);
  fs.writeFileSync(file, `const client = require('./client');\n\nconst jiraToken = "${token}";\nclient.login(jiraToken);\n`);

  await page.goto(ctx.url([['openFile', ctx.remoteUri(file)]]));
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector(`.tab[data-resource-name="${FILE}"]`, { timeout: 30000 });
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ timeout: 30000 });
  log('warning shown');

  // Hover the secret: the hover names the type and offers the remediation guide, and never shows the token.
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the squiggle has no position');
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover', { hasText: 'Leakless: Atlassian API token' }).first();
  await hover.waitFor({ timeout: 15000 });
  const hoverText = await hover.innerText();
  if (!/Show how to remediate/.test(hoverText)) throw new Error(`hover lacks the guide link: ${hoverText}`);
  if (hoverText.includes(token.slice(6, 30))) throw new Error('the hover shows the token');
  log('hover:', JSON.stringify(hoverText.split('\n')[0]));
  await ctx.shot('hover');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // Cursor on the secret, Ctrl+. and pick our fix from the menu with the keyboard.
  await page.locator('.monaco-editor .view-line', { hasText: 'const jiraToken' }).first().click();
  await page.keyboard.press('End');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  const wanted = 'Replace with process.env.JIRA_TOKEN';
  const row = page.locator('.action-widget .monaco-list-row', { hasText: wanted });
  let shown = false;
  for (let attempt = 0; attempt < 6 && !shown; attempt++) {
    await page.keyboard.press('Control+.');
    shown = await row.first().waitFor({ timeout: 4000 }).then(() => true, () => false);
    if (!shown) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000); // JavaScript's own providers start with tsserver
    }
  }
  if (!shown) throw new Error(`the quick-fix menu never offered "${wanted}"`);
  await ctx.shot('menu');
  for (let i = 0; i < 30; i++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').innerText().catch(() => '');
    if (focused.includes(wanted)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.monaco-editor .view-line')].some((l) => l.textContent.includes('process.env.JIRA_TOKEN')),
    null, { timeout: 15000 },
  );
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + 15000;
  let code = '';
  while (Date.now() < deadline) {
    code = fs.readFileSync(file, 'utf8');
    if (code.includes('process.env.JIRA_TOKEN')) break;
    await page.waitForTimeout(200);
  }
  if (!code.includes('const jiraToken = process.env.JIRA_TOKEN;')) throw new Error(`file on disk not fixed: ${JSON.stringify(code)}`);
  if (code.includes(token)) throw new Error('the token is still in the code');
  const envPath = path.join(ctx.workspace, '.env');
  let env = '';
  for (const end = Date.now() + 15000; Date.now() < end && env !== `JIRA_TOKEN=${token}\n`; await page.waitForTimeout(200)) {
    env = fs.existsSync(envPath) ? fs.readFileSync(envPath, 'utf8') : '';
  }
  if (env !== `JIRA_TOKEN=${token}\n`) throw new Error(`.env does not hold the value (${env.length} characters: ${JSON.stringify(env.slice(0, 14))}…)`);
  if ((fs.statSync(path.join(ctx.workspace, '.env')).mode & 0o777) !== 0o600) throw new Error('.env is not owner-only');
  await page.waitForSelector('.monaco-editor .squiggly-warning', { state: 'detached', timeout: 15000 });
  log('fixed on disk; .env holds the value; the warning is gone');
  await ctx.shot('fixed');
}

module.exports = { run };
