// The back office's order page as an operator uses it, in headless Chromium: the token, the list
// and its filters, an order opened, moved and annotated, a move someone else made first, the CSV
// download, and a wrong token, all under the page's strict content security policy.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths.js';
import { BackOffice, freshFiling, OPERATOR_TOKEN } from './back-office.js';

/** Debian's Chromium (scripts/ensure-browser.sh installs it); as in test/webchat/webchat.test.ts. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
const SEE_WITHIN_MS = 10_000;
const TOKEN_KEY = 'filing-assistant.operatorToken';

describe('back office order page in headless Chromium', function () {
  this.timeout(90_000);

  let office: BackOffice;
  let browser: Browser | undefined;
  let page: Page;
  let transfer: string;
  let cancellation: string;
  let oldCancellation: string;
  const pageErrors: string[] = [];
  const policyViolations: string[] = [];
  let shot = 0;

  async function screenshot(name: string): Promise<void> {
    shot += 1;
    await page.screenshot({ path: join(SCREENSHOTS, `operator-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  const row = (id: string) => page.locator(`#orders tbody tr[data-order-id="${id}"]`);
  const historyRow = (text: string) => page.locator('#history tbody tr').filter({ hasText: text });

  async function errorText(): Promise<string> {
    await page.locator('#error').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    return (await page.locator('#error').textContent()) ?? '';
  }

  async function showOrders(filters: { state?: string; type?: string; province?: string; older?: string; newer?: string }): Promise<void> {
    await page.selectOption('#filter-state', filters.state ?? '');
    await page.selectOption('#filter-type', filters.type ?? '');
    await page.fill('#filter-province', filters.province ?? '');
    await page.fill('#filter-older', filters.older ?? '');
    await page.fill('#filter-newer', filters.newer ?? '');
    await page.getByRole('button', { name: 'Show orders' }).click();
  }

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}: run scripts/ensure-browser.sh (apt-get install chromium), or set CHROMIUM_PATH`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    office = await BackOffice.start();
    oldCancellation = await office.daysAgo(10, () => office.customer().cancelWebsite(freshFiling('京').website));
    cancellation = await office.customer().cancelWebsite(freshFiling('京').website);
    transfer = await office.customer().transferIn(freshFiling('津').website);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });

  after(async () => {
    await browser?.close();
    await office?.close();
  });

  it('is served with a policy that allows only its own script and stylesheet, and has no inline code', async () => {
    const response = await fetch(`${office.url}/operator`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("default-src 'none'").and.to.include("script-src 'self'").and.to.include("frame-ancestors 'none'");
    expect(policy).not.to.include('unsafe-inline');
    const html = await response.text();
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g), 'inline scripts').to.equal(null);
    expect(html.match(/<style\b|\sstyle=|\son[a-z]+=/gi), 'inline styles and handlers').to.equal(null);
    for (const [path, type] of [
      ['/operator/operator.js', 'application/javascript; charset=utf-8'],
      ['/operator/operator.css', 'text/css; charset=utf-8'],
    ] as const) {
      const asset = await fetch(`${office.url}${path}`);
      expect(asset.status, path).to.equal(200);
      expect(asset.headers.get('content-type'), path).to.equal(type);
      await asset.arrayBuffer();
    }
  });

  it('says in words that a wrong token was not accepted, and forgets it', async () => {
    await page.goto(`${office.url}/operator`);
    await page.fill('#token', 'not-the-operator-token-at-all-0000');
    await page.getByRole('button', { name: 'Use token' }).click();
    const error = await errorText();
    expect(error).to.include('token was not accepted').and.to.include('401');
    expect(await page.evaluate(`sessionStorage.getItem(${JSON.stringify(TOKEN_KEY)})`)).to.equal(null);
    await screenshot('wrong-token');
  });

  it('lists the orders once the right token is entered, kept in sessionStorage for the other back-office page', async () => {
    await page.fill('#token', OPERATOR_TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    for (const id of [transfer, cancellation, oldCancellation]) await row(id).waitFor({ timeout: SEE_WITHIN_MS });
    expect(await page.locator('#error').isHidden()).to.equal(true);
    expect(await page.evaluate(`sessionStorage.getItem(${JSON.stringify(TOKEN_KEY)})`)).to.equal(OPERATOR_TOKEN);
    expect(await page.getByRole('link', { name: 'Unanswered questions' }).getAttribute('href')).to.equal('/operator/questions');
    await screenshot('orders-listed');
  });

  it('filters by state, type and province', async () => {
    await showOrders({ state: 'in_process', type: 'transfer_in', province: 'tianjin' });
    await row(cancellation).waitFor({ state: 'detached', timeout: SEE_WITHIN_MS });
    await row(transfer).waitFor({ timeout: SEE_WITHIN_MS });
    expect(await row(transfer).textContent()).to.include('transfer in').and.to.include('tianjin').and.to.include('example.cn');
    await screenshot('orders-filtered');
  });

  it('filters by age', async () => {
    await showOrders({ older: '5' });
    await row(oldCancellation).waitFor({ timeout: SEE_WITHIN_MS });
    await row(transfer).waitFor({ state: 'detached', timeout: SEE_WITHIN_MS });
    expect(await row(cancellation).count()).to.equal(0);
    await showOrders({ newer: '5' });
    await row(oldCancellation).waitFor({ state: 'detached', timeout: SEE_WITHIN_MS });
    await row(transfer).waitFor({ timeout: SEE_WITHIN_MS });
  });

  it('shows a refused filter in words', async () => {
    await showOrders({ province: 'atlantis' });
    expect(await errorText()).to.include('400').and.to.include('province');
    // The list on screen did not change with the refusal: the error going away is the sign of the new answer.
    await showOrders({ type: 'transfer_in' });
    await page.locator('#error').waitFor({ state: 'hidden', timeout: SEE_WITHIN_MS });
    await row(transfer).waitFor({ timeout: SEE_WITHIN_MS });
  });

  it('opens an order: its facts, the moves an operator may make, and its history', async () => {
    // Another helper's route gives the notifications; until it exists the page shows none (404).
    await row(transfer).getByRole('button', { name: transfer }).click();
    await page.locator('#order').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    expect(await page.locator('#order-title').textContent()).to.include(transfer).and.to.include('in process');
    const facts = (await page.locator('#order-facts').textContent()) ?? '';
    expect(facts).to.match(/津ICP备\d{8}号-1/).and.to.include('tianjin').and.to.include('Expires');
    const moves = await page.locator('#moves button').allTextContents();
    expect(moves).to.have.members(['Move to provider review', 'Move to rejected', 'Move to withdrawn', 'Move to expired']);
    expect(await page.locator('#history tbody tr').count()).to.equal(1);
    expect(await page.locator('#notifications').isHidden()).to.equal(true);
    await screenshot('order-opened');
  });

  it('advances the order with a note, and the history shows the move', async () => {
    await page.fill('#move-note', 'documents checked');
    await page.getByRole('button', { name: 'Move to provider review' }).click();
    await historyRow('documents checked').waitFor({ timeout: SEE_WITHIN_MS });
    expect(await historyRow('documents checked').textContent()).to.include('provider review').and.to.include('operator');
    expect(await page.locator('#order-title').textContent()).to.include('provider review');
    await page.getByRole('button', { name: 'Move to phone verification' }).waitFor({ timeout: SEE_WITHIN_MS });
    const stored = await office.order(transfer);
    expect(stored.state).to.equal('provider_review');
    expect(stored.history.at(-1)).to.deep.include({ state: 'provider_review', note: 'documents checked', by: 'operator' });
    await screenshot('order-advanced');
  });

  it('adds a note without moving the order', async () => {
    await page.fill('#note', 'customer called back');
    await page.getByRole('button', { name: 'Add note' }).click();
    await historyRow('customer called back').waitFor({ timeout: SEE_WITHIN_MS });
    expect(await page.locator('#history tbody tr').count()).to.equal(3);
    const stored = await office.order(transfer);
    expect(stored.state).to.equal('provider_review');
    expect(stored.history.at(-1)).to.deep.include({ state: 'provider_review', note: 'customer called back' });
    await screenshot('note-added');
  });

  it("says in words that someone else moved the order first (409), and shows it as it is now", async () => {
    // Another operator moves it while this page still offers the moves from provider_review.
    const elsewhere = await office.move(transfer, 'phone_verification', { operator: 'li@example.com' });
    expect(elsewhere.status).to.equal(200);
    await page.getByRole('button', { name: 'Move to rejected' }).click();
    const error = await errorText();
    expect(error).to.include('409').and.to.include('phone_verification');
    await historyRow('li@example.com').waitFor({ timeout: SEE_WITHIN_MS });
    expect(await page.locator('#order-title').textContent()).to.include('phone verification');
    expect(await page.locator('#order-facts').textContent()).to.include('Phone verification due');
    expect((await office.order(transfer)).state, 'not rejected').to.equal('phone_verification');
    await screenshot('moved-elsewhere');
  });

  it("shows the customer's notifications: the news of each move, with its delivery status", async () => {
    await row(transfer).getByRole('button', { name: transfer }).click();
    await page.locator('#notifications').waitFor({ state: 'visible', timeout: SEE_WITHIN_MS });
    // The moves above are news for the customer: the notifier has recorded them (sent, pending or failed).
    const listed = await page.locator('#notifications tbody').textContent();
    expect(listed).to.match(/state/).and.to.match(/sent|pending|failed/);
  });

  it('downloads the listed orders as CSV', async () => {
    await showOrders({ type: 'transfer_in' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).to.match(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).to.match(/^id,type,state,/);
    expect(csv).to.include(`${transfer},transfer_in,phone_verification,tianjin`);
    expect(csv).not.to.include(cancellation);
  });

  it('ran without a script error or a policy violation', () => {
    expect(pageErrors).to.deep.equal([]);
    expect(policyViolations).to.deep.equal([]);
  });
});
