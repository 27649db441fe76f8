// Microsoft's own Direct Line client (botframework-directlinejs, polling) against the local endpoint,
// in Node: the welcome, a question, and a whole cancel flow with the card's Confirm.
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { ConnectionStatus, DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import { startLocalServer, type LocalServer } from './local-server.js';

/** How long to wait for the bot's reply: polling every 200 ms, a turn takes a few ms. */
const REPLY_WAIT_MS = 10_000;
const USER = { id: 'user-directlinejs', name: 'Mei', role: 'user' as const };

/** Polling only: the client still reads the WebSocket global at start, and Node 20 has none. */
class NoWebSocket {
  constructor() {
    throw new Error('this test uses polling; the local Direct Line has no WebSocket stream');
  }
}

/**
 * The browser globals the client expects: rxjs's ajax runs on XMLHttpRequest, which Node lacks
 * (xhr2 is that API over node:http). Returns what puts the globals back.
 */
function installBrowserGlobals(): () => void {
  const had = { XMLHttpRequest: 'XMLHttpRequest' in globalThis, WebSocket: 'WebSocket' in globalThis };
  const xmlHttpRequest: unknown = createRequire(import.meta.url)('xhr2');
  if (!had.XMLHttpRequest) Object.assign(globalThis, { XMLHttpRequest: xmlHttpRequest });
  if (!had.WebSocket) Object.assign(globalThis, { WebSocket: NoWebSocket });
  return () => {
    if (!had.XMLHttpRequest) Reflect.deleteProperty(globalThis, 'XMLHttpRequest');
    if (!had.WebSocket) Reflect.deleteProperty(globalThis, 'WebSocket');
  };
}

function isMessage(activity: Activity): activity is Message {
  return activity.type === 'message';
}

/** Every activity the client delivers, and a way to wait for the one a test expects. */
class Received {
  readonly activities: Activity[] = [];
  private waiters: (() => void)[] = [];

  push(activity: Activity): void {
    this.activities.push(activity);
    for (const wake of this.waiters.splice(0)) wake();
  }

  async waitFor(what: string, found: (activity: Activity) => boolean, from = 0): Promise<Activity> {
    const deadline = Date.now() + REPLY_WAIT_MS;
    for (;;) {
      const match = this.activities.slice(from).find(found);
      if (match) return match;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.activities.map((a) => `${a.type}: ${isMessage(a) ? (a.text ?? '[card]') : ''}`).join('\n');
        throw new Error(`no ${what} within ${REPLY_WAIT_MS} ms; received:\n${seen}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

const botSays = (text: string | RegExp) => (activity: Activity) =>
  isMessage(activity) &&
  activity.from.role === 'bot' &&
  (typeof text === 'string' ? (activity.text ?? '').includes(text) : text.test(activity.text ?? ''));

describe('botframework-directlinejs against the local Direct Line (polling)', () => {
  let server: LocalServer;
  let uninstall: () => void = () => undefined;
  let directLine: DirectLine | undefined;
  const received = new Received();
  const statuses: ConnectionStatus[] = [];
  const streamErrors: string[] = [];
  let ended = false;

  before(async () => {
    server = await startLocalServer();
    uninstall = installBrowserGlobals();
    directLine = new DirectLine({
      domain: `${server.url}/v3/directline`,
      webSocket: false,
      pollingInterval: 200,
    });
    directLine.connectionStatus$.subscribe((status) => statuses.push(status));
    directLine.activity$.subscribe({
      next: (activity) => received.push(activity),
      // end() closes the stream with "conversation ended"; anything before that is a failure.
      error: (error: unknown) => {
        if (!ended) streamErrors.push(error instanceof Error ? error.message : String(error));
      },
    });
  });

  after(async () => {
    ended = true;
    directLine?.end();
    uninstall();
    await server?.close();
  });

  function post(activity: Partial<Message>): Promise<string> {
    const connection = directLine;
    if (!connection) throw new Error('the client did not start');
    return new Promise((resolve, reject) => {
      connection.postActivity({ type: 'message', from: USER, ...activity }).subscribe({ next: resolve, error: reject });
    });
  }

  it('connects and receives the welcome without sending anything', async () => {
    await received.waitFor('welcome', botSays("I'm Filing Assistant"));
    expect(statuses).to.include(ConnectionStatus.Online);
    expect(statuses).to.not.include(ConnectionStatus.FailedToConnect);
  });

  it('posts a question, sees its own message echoed with the same id, then the answer', async () => {
    const from = received.activities.length;
    const id = await post({ text: 'how long does the cancellation review take?', channelData: { clientActivityID: 'dl-1' } });
    const echo = await received.waitFor('echo of the question', (a) => a.id === id, from);
    // The channel's user for this token, not the id the client sends: both are a user, as Web Chat reads it.
    expect(echo.from.role).to.equal('user');
    expect(echo.from.id).to.match(/^user-/).and.not.equal(USER.id);
    expect(echo.channelData).to.deep.equal({ clientActivityID: 'dl-1' });
    await received.waitFor('answer', botSays('3 to 20 business days'), from);
  });

  it('goes through a cancel flow to a recorded order, confirming on the card', async () => {
    let from = received.activities.length;
    await post({ text: 'cancel the website example.cn, 京ICP备12345678号-1' });
    const whole = await received.waitFor('question about the whole website', botSays('Cancel Website removes'), from);
    const titles = isMessage(whole) ? (whole.suggestedActions?.actions ?? []).map((a) => a.title) : [];
    expect(titles).to.include('Cancel the whole website');

    from = received.activities.length;
    await post({ text: 'Cancel the whole website' });
    await received.waitFor('question about who is asking', botSays('Are you the filing subject'), from);

    from = received.activities.length;
    await post({ text: 'Yes, I am the subject' });
    const summary = await received.waitFor('summary card', (a) => isMessage(a) && (a.attachments ?? []).some((c) => c.contentType === 'application/vnd.microsoft.card.adaptive'), from);
    expect(isMessage(summary) ? summary.text : '').to.include('example.cn');

    from = received.activities.length;
    // What Web Chat posts when Confirm on the card is clicked: the action's data as the value.
    await post({ value: { answer: 'Confirm' } });
    await received.waitFor('order confirmation', botSays(/Recorded: order \*\*FA-[A-Z0-9]+\*\*/), from);
  });

  it('kept the activity stream open without an error', () => {
    expect(streamErrors).to.deep.equal([]);
    expect(statuses.at(-1)).to.equal(ConnectionStatus.Online);
  });
});
