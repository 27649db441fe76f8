// The Web Chat page as a person uses it, in headless Chromium driven by playwright-core: the welcome,
// a question, and a cancel flow clicked through its buttons and card to the order confirmation.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths.js';
import { startLocalServer, type LocalServer } from '../channels/directline/local-server.js';

/** Debian's Chromium, which .ci/run installs; Playwright's own browser downloads do not work here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Chromium as root in a container, on a machine with no way out: without the networking flags it
 * keeps trying Google's hosts. Playwright adds --headless and a fresh --user-data-dir itself.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
/** The bot answers in milliseconds; Web Chat polls every second. */
const SEE_WITHIN_MS = 15_000;

describe('Web Chat page in headless Chromium', function () {
  // Starting a browser and loading the 4 MB Web Chat bundle takes longer than a unit test.
  this.timeout(90_000);

  let server: LocalServer;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  let shot = 0;

  async function screenshot(name: string): Promise<void> {
    shot += 1;
    await page.screenshot({ path: join(SCREENSHOTS, `webchat-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  /** Waits until the transcript shows a bot message with this text. */
  async function see(text: string | RegExp): Promise<void> {
    await page.locator('.webchat__basic-transcript').getByText(text).last().waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
  }

  async function type(text: string): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  async function click(title: string): Promise<void> {
    await page.getByRole('button', { name: title, exact: true }).last().click({ timeout: SEE_WITHIN_MS });
  }

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startLocalServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the welcome as soon as the page opens', async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).to.equal(200);
    // Web Chat's markdown turns the apostrophe into a typographic one.
    await see(/Hi, I.m Filing Assistant/);
    await screenshot('welcome');
  });

  it('answers a question typed in the send box', async () => {
    await type('how long does the cancellation review take?');
    await see('3 to 20 business days');
    await screenshot('question-answered');
  });

  it('goes through a cancel flow by clicking its buttons and the card, to the order confirmation', async () => {
    await type('cancel the website example.cn, 京ICP备12345678号-1');
    await see('Cancel Website removes');
    await screenshot('cancel-whole-or-one-domain');
    await click('Cancel the whole website');
    await see('Are you the filing subject');
    await screenshot('cancel-who-is-asking');
    await click('Yes, I am the subject');
    await page.locator('.ac-adaptiveCard').last().waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    await screenshot('cancel-summary-card');
    await click('Confirm');
    await see(/Recorded: order FA-/);
    await screenshot('cancel-order-recorded');
  });

  it('ran without a script error on the page', () => {
    expect(pageErrors).to.deep.equal([]);
  });
});

describe('Web Chat page in a Chinese browser', function () {
  this.timeout(90_000);

  let server: LocalServer;
  let browser: Browser | undefined;

  before(async () => {
    server = await startLocalServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("follows the browser's language: the page's title and words, Web Chat's send box, and the locale it sends", async () => {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 900, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    expect(await page.title()).to.equal('备案助手');
    expect(await page.getAttribute('html', 'lang')).to.equal('zh-CN');
    expect(await page.locator('#subtitle').textContent()).to.match(/备案问答/);
    const placeholder = (await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')) ?? '';
    expect(placeholder).to.match(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(SCREENSHOTS, 'webchat-zh-page.png'), fullPage: true });
    await context.close();
  });
});
