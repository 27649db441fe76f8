// The order routes as another part of the app uses them: the afterMove callback a notifier hangs on
// (called after each stored move or note, and never able to break the route), and a note refused
// when the order moved between the operator reading it and the note being stored.
import { expect } from 'chai';
import restify from 'restify';
import type { Server } from 'restify';
import type { CheckTransition, OrderFilter, OrderStore, TransitionResult } from '../../src/domain/orders/order-store.js';
import type { Move } from '../../src/domain/orders/order-state.js';
import type { Order, OrderState } from '../../src/domain/orders/order.js';
import { jsonBody } from '../../src/http/json-body.js';
import { mountOperatorOrders, type OperatorOrdersParts } from '../../src/http/operator-orders.js';
import { captureLog, setLogLevel } from '../../src/log.js';
import { BackOffice, freshFiling, OneOrder, OPERATOR_TOKEN, Refusal } from './back-office.js';

/** The order routes alone on a server of their own, over the app's order store. */
async function listenWith(office: BackOffice, parts: Partial<OperatorOrdersParts>): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(jsonBody());
  const { orders, lifecycle, knowledge } = office.app.parts;
  mountOperatorOrders(server, { orders, lifecycle, provinceIds: knowledge.provinces.map((p) => p.id), ...parts }, office.app.config);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * The app's order store, except that reading one order lets "another operator" move it first to
 * `to`, and returns it as it was: the operator's read and their note are not one step.
 */
class MovedWhileReading implements OrderStore {
  constructor(
    private readonly store: OrderStore,
    private readonly to: OrderState,
  ) {}

  async get(id: string): Promise<Order | undefined> {
    const seen = await this.store.get(id);
    await this.store.transition(id, this.to, { by: 'other@example.com' }, () => undefined);
    return seen;
  }

  submit: OrderStore['submit'] = (draft, evaluate) => this.store.submit(draft, evaluate);
  summariesFor: OrderStore['summariesFor'] = (subject, asker) => this.store.summariesFor(subject, asker);
  orderFromActivity: OrderStore['orderFromActivity'] = (key, asker) => this.store.orderFromActivity(key, asker);
  listForUser: OrderStore['listForUser'] = (channelId, userId) => this.store.listForUser(channelId, userId);
  getForUser: OrderStore['getForUser'] = (id, channelId, userId) => this.store.getForUser(id, channelId, userId);
  withdraw: OrderStore['withdraw'] = (id, channelId, userId) => this.store.withdraw(id, channelId, userId);
  list = (filter?: OrderFilter): Promise<Order[]> => this.store.list(filter);
  transition = (id: string, to: OrderState, move: Move, check: CheckTransition): Promise<TransitionResult> => this.store.transition(id, to, move, check);
  close = (): Promise<void> => this.store.close();
}

describe('back office order routes and the rest of the app', function () {
  this.timeout(60_000);

  let office: BackOffice;

  before(async () => {
    office = await BackOffice.start();
  });

  after(async () => {
    await office?.close();
  });

  it('calls afterMove with the stored order after each move and note, and not after a refusal', async () => {
    const told: Order[] = [];
    const routes = await listenWith(office, {
      afterMove: (order) => {
        told.push(order);
      },
    });
    try {
      const id = await office.customer().transferIn(freshFiling('津').website);
      expect((await post(`${routes.url}/api/operator/orders/${id}/transitions`, { to: 'provider_review' })).status).to.equal(200);
      expect((await post(`${routes.url}/api/operator/orders/${id}/notes`, { note: 'called the customer' })).status).to.equal(200);
      expect((await post(`${routes.url}/api/operator/orders/${id}/transitions`, { to: 'completed' })).status).to.equal(409);
      expect((await post(`${routes.url}/api/operator/orders/FA-ZZZZZZ/transitions`, { to: 'provider_review' })).status).to.equal(404);
      expect(told.map((order) => [order.id, order.state, order.history.length, order.history.at(-1)?.note])).to.deep.equal([
        [id, 'provider_review', 2, undefined],
        [id, 'provider_review', 3, 'called the customer'],
      ]);
    } finally {
      await routes.close();
    }
  });

  const failing: { name: string; afterMove: NonNullable<OperatorOrdersParts['afterMove']> }[] = [
    {
      name: 'throws',
      afterMove: () => {
        throw new Error('notifier is down');
      },
    },
    { name: 'is async and rejects', afterMove: async () => Promise.reject(new Error('notifier is down')) },
  ];
  for (const { name, afterMove } of failing) {
    it(`still answers 200 with the stored move when afterMove ${name}, and logs it with the order id`, async () => {
      const lines: string[] = [];
      setLogLevel('warn');
      const restore = captureLog((line) => lines.push(line));
      const routes = await listenWith(office, { afterMove });
      try {
        const id = await office.customer().transferIn(freshFiling('津').website);
        const response = await post(`${routes.url}/api/operator/orders/${id}/transitions`, { to: 'provider_review' });
        expect(response.status).to.equal(200);
        expect(OneOrder.parse(await response.json()).order.state).to.equal('provider_review');
        expect((await office.order(id)).state).to.equal('provider_review');
        // An async callback's rejection arrives after the answer.
        await new Promise((resolve) => setImmediate(resolve));
        const logged = lines.filter((line) => line.includes('after-move callback failed'));
        expect(logged, lines.join('')).to.have.length(1);
        expect(logged[0]).to.include(id).and.to.include('notifier is down');
      } finally {
        restore();
        setLogLevel('silent');
        await routes.close();
      }
    });
  }

  it('refuses a note with 409 when the order moved after the operator read it, and stores no note', async () => {
    const id = await office.customer().transferIn(freshFiling('津').website);
    const routes = await listenWith(office, { orders: new MovedWhileReading(office.app.parts.orders, 'provider_review') });
    try {
      const response = await post(`${routes.url}/api/operator/orders/${id}/notes`, { note: 'documents complete' });
      const text = await response.text();
      expect(response.status, text).to.equal(409);
      const refusal = Refusal.parse(JSON.parse(text));
      expect(refusal.code).to.equal('state_changed');
      expect(refusal.message).to.include('in_process').and.to.include('provider_review');
      const order = await office.order(id);
      expect(order.history.map((entry) => [entry.state, entry.by ?? null, entry.note ?? null]).slice(1)).to.deep.equal([['provider_review', 'other@example.com', null]]);
    } finally {
      await routes.close();
    }
  });
});
