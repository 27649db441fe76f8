// The notice as a person sees it: the Web Chat page, open in headless Chromium, shows the news of
// the order placed in it when an operator moves the order, without the user typing anything.
import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeTempDir, removeDir } from '../support/paths.js';
import { FakeClock, newIcpNumber, operatorMoves, startBot, type RunningBot } from './support.js';

/** As in test/webchat: Debian's Chromium, and the flags it needs in a container without a way out. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Web Chat polls every second. */
const SEE_WITHIN_MS = 15_000;

describe('a notification on the Web Chat page', function () {
  this.timeout(90_000);
  let dataDir: string;
  let bot: RunningBot;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
    dataDir = makeTempDir();
    bot = await startBot(dataDir, new FakeClock(Date.parse('2026-12-07T02:00:00Z')));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 900, height: 1000 }, locale: 'en-GB' });
  });
  after(async () => {
    await browser?.close();
    await bot?.close();
    removeDir(dataDir);
  });

  const transcript = () => page.locator('.webchat__basic-transcript');
  async function see(text: string | RegExp): Promise<void> {
    await transcript().getByText(text).last().waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
  }
  async function type(text: string): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  it('shows the news of the order placed on the page when an operator moves it', async () => {
    await page.goto(`${bot.url}/`);
    await see(/Hi, I.m Filing Assistant/);
    await type('cancel the transfer');
    await see(/ICP/);
    await type(newIcpNumber());
    await page.locator('.ac-adaptiveCard').last().waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    await page.getByRole('button', { name: 'Confirm', exact: true }).last().click({ timeout: SEE_WITHIN_MS });
    await see(/Recorded: order FA-/);
    const orderId = /FA-[23456789A-HJ-NP-Z]{6}/.exec(await transcript().innerText())?.[0];
    if (!orderId) throw new Error('the page shows no order id');

    await operatorMoves(bot, orderId, 'provider_review');
    expect((await bot.app.notifier.tick()).sent).to.equal(1);

    await see(`Order ${orderId} (cancel a transfer) is now being reviewed by the filing team.`);
  });
});
