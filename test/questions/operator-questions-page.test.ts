// The back-office page for unanswered questions, as an operator uses it in headless Chromium:
// asked for the token, shown the groups and the feedback (users' text as text, never markup),
// the CSV downloaded, the token kept for the tab under the key the other back-office pages share.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { converse, message, says, typing } from '../support/conversation.js';
import { REPO_ROOT } from '../support/paths.js';
import { OPERATOR_TOKEN, startApp, type RunningApp } from './support.js';

/** As test/webchat/webchat.test.ts: Debian's Chromium, with the flags a container without a way out needs. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
const TOKEN_KEY = 'filing-assistant.operatorToken';
const SEE_WITHIN_MS = 10_000;
const MARKUP_QUESTION = '<img src=x onerror="window.injected=1"> do you sell SSL certificates';

describe('operator page for unanswered questions in headless Chromium', function () {
  this.timeout(90_000);
  let running: RunningApp;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const storedToken = () => page.evaluate<string | null>(`window.sessionStorage.getItem(${JSON.stringify(TOKEN_KEY)})`);

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    running = await startApp();
    await converse((turn) => running.app.parts.bot.run(turn), [
      { user: 'Can I pay with bitcoin? Call me on 13812345678', bot: [typing, message(says(/I don.t know/))] },
      { user: 'can i pay by bitcoin', bot: [typing, message(says(/I don.t know/))] },
      { user: MARKUP_QUESTION, bot: [typing, message(says(/I don.t know/))] },
      { user: 'how long does the cancellation review take?', bot: [typing, message(says('Did this answer help?'))] },
      { user: 'Not helpful', bot: [typing, message(says('Thanks for telling me'))] },
    ]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    // A Content Security Policy violation is reported on the console.
    page.on('console', (entry) => {
      if (entry.type() === 'error') problems.push(entry.text());
    });
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('is served with a policy that allows no inline script and no other origin', async () => {
    const response = await page.goto(`${running.url}/operator/questions`);
    expect(response?.status()).to.equal(200);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).to.include("script-src 'self';");
    expect(policy).to.include("connect-src 'self'");
    expect(policy).to.not.include('unsafe-inline');
    expect(response?.headers()['x-frame-options']).to.equal('DENY');
  });

  it('asks for the token, and says so when a wrong one is given, keeping nothing', async () => {
    await page.locator('#token').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    await page.fill('#token', 'not-the-operator-token-at-all');
    await page.click('#token-form button[type="submit"]');
    await page.getByText('The token was not accepted').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    expect(await storedToken()).to.equal(null);
    await page.screenshot({ path: join(SCREENSHOTS, 'operator-questions-01-wrong-token.png'), fullPage: true });
  });

  it('with the token, lists the questions grouped and scrubbed, and the feedback per answer', async () => {
    await page.fill('#token', OPERATOR_TOKEN);
    await page.click('#token-form button[type="submit"]');
    const rows = page.locator('#groups tbody tr');
    await rows.first().waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    expect(await storedToken()).to.equal(OPERATOR_TOKEN);
    const groups = await Promise.all((await rows.all()).map((row) => row.locator('td').allTextContents()));
    // Two wordings asked once each: the latest names the group, the other is listed beside it.
    const bitcoin = groups.find((cells) => cells[0] === 'can i pay by bitcoin');
    expect(bitcoin?.[1]).to.equal('2');
    expect(bitcoin?.[6]).to.equal('Can I pay with bitcoin? Call me on [phone]');
    expect(groups.map((cells) => cells.slice(0, 2))).to.deep.include([MARKUP_QUESTION, '1']);
    expect(await page.locator('#total').textContent()).to.equal('3');
    // The question that holds markup is shown as text: no image was made of it, nothing ran.
    expect(await page.locator('#groups img').count()).to.equal(0);
    expect(await page.evaluate<boolean>("'injected' in window")).to.equal(false);
    const feedback = page.locator('#feedback tbody tr');
    expect(await feedback.count()).to.equal(1);
    expect(await feedback.first().textContent()).to.include('How long does the cancellation review take? (cancel-review-time)');
    await page.screenshot({ path: join(SCREENSHOTS, 'operator-questions-02-report.png'), fullPage: true });
  });

  it('keeps the token for the tab: a reload shows the report without asking again', async () => {
    await page.reload();
    await page.locator('#groups tbody tr').first().waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    expect(await page.locator('#sign-in').isHidden()).to.equal(true);
  });

  it('downloads the CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: SEE_WITHIN_MS }), page.click('#download')]);
    expect(download.suggestedFilename()).to.equal('unanswered-questions.csv');
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).to.equal('question,count,unknown,unresolved,locales,last_asked,examples');
    expect(csv).to.include('\r\ncan i pay by bitcoin,2,2,0,en,');
  });

  it('shows nothing for a period with no questions', async () => {
    await page.fill('#since', '2999-01-01');
    await page.locator('#no-groups').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    expect(await page.locator('#groups tbody tr').count()).to.equal(0);
  });

  it('forgets the token on request', async () => {
    await page.click('#forget');
    await page.locator('#token').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    expect(await storedToken()).to.equal(null);
  });

  it('ran without a script error or a policy violation', () => {
    // The wrong token's 401 is the one error the browser reports on its own.
    expect(problems.filter((text) => !/401/.test(text))).to.deep.equal([]);
  });
});
