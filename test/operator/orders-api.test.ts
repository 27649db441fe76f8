// The back office's order API over real HTTP: orders placed by customers chatting with the bot,
// then listed, filtered, opened, moved and annotated by operators, exported as CSV, and the
// customer's "my orders" showing what the operator did. Runs on lowdb and on PostgreSQL.
import { expect } from 'chai';
import { say } from '../support/flows.js';
import {
  BackOffice,
  freshFiling,
  MoveRefusal,
  OneOrder,
  OPERATOR_TOKEN,
  Refusal,
  type Customer,
  type OrderDetail,
} from './back-office.js';

const IN_PROCESS_MOVES = ['provider_review', 'rejected', 'withdrawn', 'expired'];
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

async function refusalOf(response: Response, status: number): Promise<{ code: string; message: string }> {
  const text = await response.text();
  expect(response.status, text).to.equal(status);
  return Refusal.parse(JSON.parse(text));
}

async function movedOrder(response: Response): Promise<OrderDetail> {
  const text = await response.text();
  expect(response.status, text).to.equal(200);
  return OneOrder.parse(JSON.parse(text)).order;
}

describe('back office order API over HTTP', function () {
  // Each order is a whole conversation with the bot; PostgreSQL adds its own start-up.
  this.timeout(60_000);

  let office: BackOffice;
  let alice: Customer;
  let bob: Customer;
  let li: Customer;
  /** Alice's website cancellation in Beijing, placed ten days ago. */
  let oldCancellation: string;
  /** Bob's transfer in Tianjin, in English. */
  let transfer: string;
  /** Li's transfer in Shanghai, in Chinese. */
  let chineseTransfer: string;

  before(async () => {
    office = await BackOffice.start();
    alice = office.customer();
    bob = office.customer();
    li = office.customer('zh-CN');
    oldCancellation = await office.daysAgo(10, () => alice.cancelWebsite(freshFiling('京').website));
    transfer = await bob.transferIn(freshFiling('津').website);
    chineseTransfer = await li.transferInChinese(freshFiling('沪').website);
  });

  after(async () => {
    await office?.close();
  });

  describe('who may call it', () => {
    const routes = (id: string) => [
      { name: 'GET /api/operator/orders', path: '/api/operator/orders' },
      { name: 'GET /api/operator/orders.csv', path: '/api/operator/orders.csv' },
      { name: 'GET /api/operator/orders/{id}', path: `/api/operator/orders/${id}` },
      { name: 'POST /api/operator/orders/{id}/transitions', path: `/api/operator/orders/${id}/transitions`, body: { to: 'provider_review' } },
      { name: 'POST /api/operator/orders/{id}/notes', path: `/api/operator/orders/${id}/notes`, body: { note: 'hello' } },
    ];
    const callers = [
      { name: 'without a token', authorization: null },
      { name: 'with a wrong token of the same length', authorization: `Bearer ${'x'.repeat(OPERATOR_TOKEN.length)}` },
      { name: 'with the token as Basic credentials', authorization: `Basic ${OPERATOR_TOKEN}` },
    ];

    for (const caller of callers) {
      it(`answers every route ${caller.name} with 401, and moves nothing`, async () => {
        for (const route of routes(transfer)) {
          const response = await office.call(route.path, { authorization: caller.authorization, ...(route.body ? { body: route.body } : {}) });
          expect(response.status, route.name).to.equal(401);
          expect(response.headers.get('www-authenticate'), route.name).to.equal('Bearer');
          const body = await response.text();
          expect(body, route.name).not.to.include(transfer);
        }
        const order = await office.order(transfer);
        expect(order.state).to.equal('in_process');
        expect(order.history).to.have.length(1);
      });
    }

    it('answers 401 to everyone, the right token included, while OPERATOR_TOKEN is not set', async () => {
      const open = await BackOffice.start({});
      try {
        const id = await open.customer().transferIn(freshFiling('津').website);
        for (const route of routes(id)) {
          const response = await open.call(route.path, route.body ? { body: route.body } : {});
          const refusal = await refusalOf(response, 401);
          expect(refusal.message, route.name).to.include('OPERATOR_TOKEN');
        }
      } finally {
        await open.close();
      }
    });
  });

  describe('listing orders', () => {
    it('lists orders newest first, each with the moves an operator may make', async () => {
      const ours = [chineseTransfer, transfer, oldCancellation];
      const listed = (await office.list()).filter((order) => ours.includes(order.id));
      expect(listed.map((order) => order.id)).to.deep.equal(ours);
      for (const order of listed) {
        expect(order.state, order.id).to.equal('in_process');
        expect(order.allowedTransitions, order.id).to.have.members(IN_PROCESS_MOVES).and.have.length(IN_PROCESS_MOVES.length);
        expect(order.changedAt, 'not moved yet').to.equal(order.createdAt);
        expect(Date.parse(order.expiresAt ?? ''), 'unfinished orders expire after 45 days').to.equal(Date.parse(order.createdAt) + 45 * DAY_MS);
        expect(order.phoneVerificationDeadline).to.equal(undefined);
        expect(order.channelId).to.equal('emulator');
      }
      const [zh, en, old] = listed;
      expect(en).to.deep.include({ type: 'transfer_in', province: 'tianjin', ageDays: 0 });
      expect(en?.filing.domains).to.deep.equal(['example.cn']);
      expect(en?.filing.icpNumber).to.match(/^津ICP备\d{8}号-1$/);
      expect(zh).to.deep.include({ type: 'transfer_in', province: 'shanghai' });
      expect(old).to.deep.include({ type: 'cancel_website', province: 'beijing', ageDays: 10 });
    });

    it("shows nothing of who the customer is: no user id, conversation, channel address or mobile number", async () => {
      const text = await (await office.call('/api/operator/orders')).text();
      const detail = await (await office.call(`/api/operator/orders/${transfer}`)).text();
      for (const secret of [bob.userId, bob.conversationId, alice.userId, li.userId, '127.0.0.1:9', '13812345678', 'sourceActivityKey', 'requester', 'conversationReference']) {
        expect(text, secret).not.to.include(secret);
        expect(detail, secret).not.to.include(secret);
      }
    });

    const filters: { name: string; query: () => string; includes: () => string[]; excludes: () => string[] }[] = [
      { name: 'one state', query: () => '?state=in_process', includes: () => [transfer, chineseTransfer, oldCancellation], excludes: () => [] },
      { name: 'a state none is in', query: () => '?state=submitted,completed', includes: () => [], excludes: () => [transfer, chineseTransfer, oldCancellation] },
      { name: 'one type', query: () => '?type=transfer_in', includes: () => [transfer, chineseTransfer], excludes: () => [oldCancellation] },
      { name: 'a list of types', query: () => '?type=cancel_website,transfer_in', includes: () => [transfer, chineseTransfer, oldCancellation], excludes: () => [] },
      { name: 'a province', query: () => '?province=tianjin', includes: () => [transfer], excludes: () => [chineseTransfer, oldCancellation] },
      { name: 'a province written in capitals', query: () => '?province=Beijing', includes: () => [oldCancellation], excludes: () => [transfer, chineseTransfer] },
      { name: 'older than five days', query: () => '?olderThanDays=5', includes: () => [oldCancellation], excludes: () => [transfer, chineseTransfer] },
      { name: 'newer than five days', query: () => '?newerThanDays=5', includes: () => [transfer, chineseTransfer], excludes: () => [oldCancellation] },
      { name: 'type and province together', query: () => '?type=transfer_in&province=shanghai', includes: () => [chineseTransfer], excludes: () => [transfer, oldCancellation] },
    ];
    for (const filter of filters) {
      it(`filters by ${filter.name}`, async () => {
        const ids = (await office.list(filter.query())).map((order) => order.id);
        expect(ids).to.include.members(filter.includes());
        for (const id of filter.excludes()) expect(ids).not.to.include(id);
      });
    }

    it('filters by the province, returning only orders of that province', async () => {
      const listed = await office.list('?province=shanghai');
      expect(listed.length).to.be.greaterThan(0);
      expect(new Set(listed.map((order) => order.province))).to.deep.equal(new Set(['shanghai']));
    });

    it('gives at most `limit` orders, the newest', async () => {
      const all = await office.list();
      const two = await office.list('?limit=2');
      expect(two.map((order) => order.id)).to.deep.equal(all.slice(0, 2).map((order) => order.id));
    });

    const bad: { query: string; names: string[] }[] = [
      { query: '?state=done', names: ['state', '"done"', 'in_process', 'provider_review', 'expired'] },
      { query: '?state=in_process,nope', names: ['state', '"nope"', 'phone_verification'] },
      { query: '?type=cancel', names: ['type', 'cancel_subject', 'transfer_in', 'change_website'] },
      { query: '?province=atlantis', names: ['province', 'beijing', 'tianjin'] },
      { query: '?olderThanDays=ten', names: ['olderThanDays', 'whole number'] },
      { query: '?olderThanDays=-1', names: ['olderThanDays', 'whole number'] },
      { query: '?newerThanDays=1.5', names: ['newerThanDays', 'whole number'] },
      { query: '?limit=0', names: ['limit', 'whole number from 1'] },
      { query: '?limit=1000000', names: ['limit', 'whole number from 1'] },
      { query: '?status=in_process', names: ['status', 'state', 'olderThanDays'] },
    ];
    for (const { query, names } of bad) {
      it(`refuses ${query} with 400 naming the parameter and what it accepts`, async () => {
        for (const path of ['/api/operator/orders', '/api/operator/orders.csv']) {
          const refusal = await refusalOf(await office.call(`${path}${query}`), 400);
          for (const name of names) expect(refusal.message, path).to.include(name);
        }
      });
    }
  });

  describe('moving an order', () => {
    it('takes a transfer through provider_review, phone_verification and submitted to completed, with notes and who moved it', async () => {
      const carol = office.customer();
      const id = await carol.transferIn(freshFiling('津').website);

      const reviewed = await movedOrder(await office.move(id, 'provider_review', { note: 'documents checked', operator: 'wang@example.com' }));
      expect(reviewed.state).to.equal('provider_review');
      expect(reviewed.allowedTransitions).to.have.members(['phone_verification', 'submitted', 'rejected', 'withdrawn', 'expired']);
      expect(reviewed.history.at(-1)).to.deep.include({ state: 'provider_review', by: 'wang@example.com', note: 'documents checked' });
      expect(reviewed.expiresAt, 'provider_review still expires').to.be.a('string');

      const calling = await movedOrder(await office.move(id, 'phone_verification', { operator: 'li@example.com' }));
      const entered = calling.history.at(-1);
      expect(entered).to.deep.include({ state: 'phone_verification', by: 'li@example.com' });
      expect(entered?.note).to.equal(undefined);
      expect(Date.parse(calling.phoneVerificationDeadline ?? ''), 'the MIIT call is answered within 48 hours').to.equal(Date.parse(entered?.at ?? '') + 48 * HOUR_MS);
      expect(calling.expiresAt, 'phone_verification does not expire').to.equal(undefined);
      expect(calling.allowedTransitions).to.have.members(['submitted', 'rejected']);

      const submitted = await movedOrder(await office.move(id, 'submitted', { note: 'sent to the Tianjin administration', operator: 'wang@example.com' }));
      expect(submitted.phoneVerificationDeadline).to.equal(undefined);
      const completed = await movedOrder(await office.move(id, 'completed'));
      expect(completed.allowedTransitions, 'a completed order is finished').to.deep.equal([]);
      expect(completed.history.at(-1)?.by, 'without the identity header the operator is "operator"').to.equal('operator');

      const read = await office.order(id);
      expect(read.history.map((entry) => entry.state)).to.deep.equal(['in_process', 'provider_review', 'phone_verification', 'submitted', 'completed']);
      expect(read.history.slice(1).map((entry) => [entry.by, entry.note])).to.deep.equal([
        ['wang@example.com', 'documents checked'],
        ['li@example.com', undefined],
        ['wang@example.com', 'sent to the Tianjin administration'],
        ['operator', undefined],
      ]);
      expect(read.changedAt).to.equal(read.history.at(-1)?.at);

      const replies = (await carol.say('my orders')).join('\n');
      expect(replies).to.include(id).and.to.include(say('en', 'order.state.completed'));
    });

    it("shows the new state in the Chinese customer's 我的订单", async () => {
      const wei = office.customer('zh-CN');
      const id = await wei.transferInChinese(freshFiling('沪').website);
      await movedOrder(await office.move(id, 'provider_review', { operator: 'zhang@example.com' }));
      const replies = (await wei.say('我的订单')).join('\n');
      expect(replies).to.include(id).and.to.include(say('zh', 'order.state.providerReview'));
      expect(replies).not.to.include(say('zh', 'order.state.inProcess'));
    });

    it('finds the order by the id as a person types it ("fa-xxxxxx" in lower case)', async () => {
      const order = await office.order(transfer.toLowerCase());
      expect(order.id).to.equal(transfer);
    });

    it('refuses a move the lifecycle does not allow with 409, naming the moves that are, and changes nothing', async () => {
      const id = await office.customer().transferIn(freshFiling('津').website);
      const before = await office.order(id);
      const response = await office.move(id, 'completed', { note: 'skip ahead' });
      const text = await response.text();
      expect(response.status, text).to.equal(409);
      const refusal = MoveRefusal.parse(JSON.parse(text));
      expect(refusal).to.deep.include({ code: 'not_allowed', from: 'in_process', to: 'completed' });
      expect(refusal.allowedTransitions).to.have.members(IN_PROCESS_MOVES);
      expect(refusal.message).to.include('in_process').and.to.include('completed').and.to.include('provider_review');
      expect(await office.order(id)).to.deep.equal(before);
    });

    it('refuses a move to the state the order is already in with 409', async () => {
      const id = await office.customer().transferIn(freshFiling('津').website);
      await movedOrder(await office.move(id, 'provider_review'));
      const response = await office.move(id, 'provider_review');
      const refusal = MoveRefusal.parse(JSON.parse(await response.text()));
      expect(response.status).to.equal(409);
      expect(refusal).to.deep.include({ code: 'same_state', from: 'provider_review', to: 'provider_review' });
      expect((await office.order(id)).history).to.have.length(2);
    });

    it('refuses a move from a state the order has left ("from" is stale) with 409 state_changed', async () => {
      const id = await office.customer().transferIn(freshFiling('津').website);
      await movedOrder(await office.move(id, 'provider_review'));
      // Still allowed from provider_review, but the operator saw the order in in_process.
      const response = await office.call(`/api/operator/orders/${id}/transitions`, { body: { to: 'rejected', from: 'in_process', note: 'documents missing' } });
      const refusal = MoveRefusal.parse(JSON.parse(await response.text()));
      expect(response.status).to.equal(409);
      expect(refusal).to.deep.include({ code: 'state_changed', from: 'provider_review', to: 'rejected' });
      expect((await office.order(id)).state).to.equal('provider_review');
    });

    it('answers 404 for an order that does not exist', async () => {
      for (const id of ['FA-ZZZZZZ', 'not-an-order-id']) {
        expect((await office.call(`/api/operator/orders/${id}`)).status, `GET ${id}`).to.equal(404);
        expect((await office.move(id, 'provider_review')).status, `move ${id}`).to.equal(404);
        expect((await office.call(`/api/operator/orders/${id}/notes`, { body: { note: 'x' } })).status, `note ${id}`).to.equal(404);
      }
    });

    const badBodies: { name: string; body: unknown; says: string[] }[] = [
      { name: 'no "to"', body: { note: 'hello' }, says: ['"to"', 'provider_review', 'completed'] },
      { name: 'an unknown "to"', body: { to: 'approved' }, says: ['"to"', 'in_process', 'expired'] },
      { name: 'a note over 1000 characters', body: { to: 'provider_review', note: 'x'.repeat(1001) }, says: ['"note"', '1000'] },
      { name: 'a note that is not text', body: { to: 'provider_review', note: 42 }, says: ['"note"'] },
      { name: 'a field it does not know', body: { to: 'provider_review', by: 'someone else' }, says: ['by'] },
      { name: 'a list instead of an object', body: ['provider_review'], says: ['JSON object'] },
      { name: 'a body that is not JSON', body: '{"to": "provider_', says: ['JSON'] },
    ];
    for (const { name, body, says } of badBodies) {
      it(`refuses a move with ${name} with 400, and changes nothing`, async () => {
        const before = await office.order(transfer);
        const refusal = await refusalOf(await office.call(`/api/operator/orders/${transfer}/transitions`, { body }), 400);
        for (const part of says) expect(refusal.message).to.include(part);
        expect(await office.order(transfer)).to.deep.equal(before);
      });
    }

    it('refuses a move without a body with 400', async () => {
      const response = await office.call(`/api/operator/orders/${transfer}/transitions`, { method: 'POST' });
      const refusal = await refusalOf(response, 400);
      expect(refusal.message).to.include('"to"');
    });

    it('lets exactly one of two operators racing the same move make it: one 200, one 409', async () => {
      const id = await office.customer().transferIn(freshFiling('津').website);
      const [first, second] = await Promise.all([
        office.move(id, 'provider_review', { operator: 'first@example.com', note: 'mine' }),
        office.move(id, 'provider_review', { operator: 'second@example.com', note: 'no, mine' }),
      ]);
      const answers = [
        { who: 'first@example.com', status: first.status, body: await first.text() },
        { who: 'second@example.com', status: second.status, body: await second.text() },
      ];
      expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 409]);
      const winner = answers.find((a) => a.status === 200);
      const loser = answers.find((a) => a.status === 409);
      expect(MoveRefusal.parse(JSON.parse(loser?.body ?? '{}'))).to.deep.include({ code: 'same_state', from: 'provider_review' });
      const order = await office.order(id);
      expect(order.history.map((entry) => [entry.state, entry.by])).to.deep.equal([
        ['in_process', order.history[0]?.by],
        ['provider_review', winner?.who],
      ]);
    });

    it('lets exactly one of two operators moving an order two different ways win when both say where it was', async () => {
      const id = await office.customer().transferIn(freshFiling('津').website);
      const [review, reject] = await Promise.all([
        office.call(`/api/operator/orders/${id}/transitions`, { body: { to: 'provider_review', from: 'in_process' } }),
        office.call(`/api/operator/orders/${id}/transitions`, { body: { to: 'rejected', from: 'in_process', note: 'documents missing' } }),
      ]);
      expect([review.status, reject.status].sort()).to.deep.equal([200, 409]);
      expect((await office.order(id)).history).to.have.length(2);
    });
  });

  describe('notes', () => {
    it('adds a note in the current state, with who wrote it, without moving the order', async () => {
      const id = await office.customer().transferIn(freshFiling('津').website);
      await movedOrder(await office.move(id, 'provider_review'));
      const noted = await movedOrder(
        await office.call(`/api/operator/orders/${id}/notes`, { body: { note: '  customer called: documents follow tomorrow  ' }, operator: 'wang@example.com' }),
      );
      expect(noted.state).to.equal('provider_review');
      expect(noted.history).to.have.length(3);
      expect(noted.history.at(-1)).to.deep.include({ state: 'provider_review', by: 'wang@example.com', note: 'customer called: documents follow tomorrow' });
      expect(noted.changedAt).to.equal(noted.history.at(-1)?.at);
      expect(noted.allowedTransitions, 'the same moves as before the note').to.include('phone_verification');
      expect(await office.order(id)).to.deep.equal(noted);
    });

    const badNotes: { name: string; body: unknown; says: string }[] = [
      { name: 'an empty note', body: { note: '   ' }, says: 'must not be empty' },
      { name: 'no note', body: {}, says: '"note"' },
      { name: 'a note over 1000 characters', body: { note: 'x'.repeat(1001) }, says: '1000' },
    ];
    for (const { name, body, says } of badNotes) {
      it(`refuses ${name} with 400`, async () => {
        const before = await office.order(transfer);
        const refusal = await refusalOf(await office.call(`/api/operator/orders/${transfer}/notes`, { body }), 400);
        expect(refusal.message).to.include(says);
        expect(await office.order(transfer)).to.deep.equal(before);
      });
    }
  });

  describe('CSV export', () => {
    /** The CSV's rows as cells (the export has no line breaks inside cells unless a note has one). */
    function rowsOf(csv: string): string[] {
      return csv.replace(/^\ufeff/, '').split('\r\n').filter((line) => line !== '');
    }

    it('downloads the filtered orders as a CSV attachment with a header row', async () => {
      const response = await office.call('/api/operator/orders.csv?type=transfer_in&province=shanghai');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).to.match(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
      const csv = await response.text();
      expect(csv.endsWith('\r\n'), 'RFC 4180 line ends').to.equal(true);
      const [header, ...rows] = rowsOf(csv);
      expect(header?.split(',')).to.deep.equal([
        'id',
        'type',
        'state',
        'province',
        'icpNumber',
        'subjectNumber',
        'domains',
        'createdAt',
        'changedAt',
        'ageDays',
        'channelId',
        'phoneVerificationDeadline',
        'expiresAt',
        'allowedTransitions',
        'lastChangedBy',
        'lastNote',
      ]);
      const listed = await office.list('?type=transfer_in&province=shanghai');
      expect(rows.map((row) => row.split(',')[0])).to.deep.equal(listed.map((order) => order.id));
      const chinese = listed.find((order) => order.id === chineseTransfer);
      const row = rows.find((line) => line.startsWith(chineseTransfer))?.split(',');
      expect(row?.slice(0, 7)).to.deep.equal([chineseTransfer, 'transfer_in', chinese?.state, 'shanghai', chinese?.filing.icpNumber, chinese?.filing.subjectNumber, 'example.cn']);
    });

    it('defuses a note or a name a spreadsheet would run as a formula', async () => {
      const id = await office.customer().transferIn(freshFiling('津').website);
      const formula = '=HYPERLINK("http://evil.example","click")';
      await movedOrder(await office.call(`/api/operator/orders/${id}/notes`, { body: { note: formula }, operator: '@wang' }));
      const csv = await (await office.call('/api/operator/orders.csv?province=tianjin')).text();
      const line = rowsOf(csv).find((row) => row.startsWith(id));
      expect(line).to.be.a('string');
      expect(line?.endsWith(`,'@wang,"'=HYPERLINK(""http://evil.example"",""click"")"`), line).to.equal(true);
    });
  });
});
