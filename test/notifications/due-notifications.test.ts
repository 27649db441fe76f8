// What is due about one order at a moment (pure): which state changes are news, when the phone
// and expiry reminders fall due and stop being due, and when an order has expired.
import { expect } from 'chai';
import { DEFAULT_REMINDER_TIMES, dueReminders, hasExpired, stateNotices } from '../../src/domain/notifications/due-notifications.js';
import type { HistoryEntry, Order } from '../../src/domain/orders/order.js';
import { loadOrderLifecycle } from '../../src/knowledge/order-lifecycle.js';
import { loadProvinceRules } from '../../src/knowledge/province-rules.js';
import { KNOWLEDGE_DIR } from '../support/paths.js';
import { DAY, HOUR } from './support.js';

const lifecycle = loadOrderLifecycle(KNOWLEDGE_DIR, loadProvinceRules(KNOWLEDGE_DIR));
const T0 = Date.parse('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

function order(history: Array<Omit<HistoryEntry, 'at'> & { at: number }>): Order {
  const entries = history.map((entry) => ({ ...entry, at: at(entry.at).toISOString() }));
  const last = entries[entries.length - 1];
  if (!last) throw new Error('an order has history');
  return {
    id: 'FA-ABCDEF',
    type: 'transfer_in',
    filing: { icpNumber: '京ICP备12345678号-1', subjectNumber: '京ICP备12345678号', province: 'beijing', domains: ['example.cn'] },
    request: {},
    requester: { channelId: 'emulator', userId: 'u1' },
    state: last.state,
    history: entries,
    createdAt: at(0).toISOString(),
    sourceActivityKey: '["emulator","c1","a1"]',
  };
}

describe('what is due about an order', () => {
  it('announces each change of state, not the recording, not a move the user made, not a note in the same state', () => {
    const moved = order([
      { state: 'in_process', at: 0, by: 'user' },
      { state: 'provider_review', at: HOUR, by: 'alice@example.org' },
      { state: 'provider_review', at: 2 * HOUR, by: 'alice@example.org', note: 'called the customer' },
      { state: 'withdrawn', at: 3 * HOUR, by: 'user' },
    ]);
    expect(stateNotices(moved, at(0)).map((n) => n.key)).to.deep.equal(['state:FA-ABCDEF:1']);
    expect(stateNotices(moved, at(HOUR + 1))).to.deep.equal([]);
  });

  it('reminds of the phone verification from 12 hours before the shorter reported window (24 hours) ends until it ends', () => {
    const waiting = order([
      { state: 'in_process', at: 0, by: 'user' },
      { state: 'provider_review', at: HOUR, by: 'operator' },
      { state: 'phone_verification', at: 2 * HOUR, by: 'operator' },
    ]);
    const keysAt = (ms: number) => dueReminders(waiting, lifecycle, at(ms), at(0), DEFAULT_REMINDER_TIMES).filter((r) => r.kind === 'phone').map((r) => r.key);
    // The seeds give 48 hours, later public sources 24 (DOMAIN.md): the reminder must not come after either.
    expect(keysAt(2 * HOUR + 12 * HOUR - 1)).to.deep.equal([]);
    expect(keysAt(2 * HOUR + 12 * HOUR)).to.deep.equal(['phone:FA-ABCDEF:2']);
    expect(keysAt(2 * HOUR + 24 * HOUR)).to.deep.equal([]);
    // Due before notifying began: an existing deployment does not send it late.
    expect(dueReminders(waiting, lifecycle, at(20 * HOUR), at(19 * HOUR))).to.deep.equal([]);
  });

  it('reminds of the expiry from 5 days before the 45 days end, and expires the order at 45 days', () => {
    const reviewed = order([
      { state: 'in_process', at: 0, by: 'user' },
      { state: 'provider_review', at: HOUR, by: 'operator' },
    ]);
    const kindsAt = (ms: number) => dueReminders(reviewed, lifecycle, at(ms), at(0)).map((r) => r.kind);
    expect(kindsAt(40 * DAY - 1)).to.deep.equal([]);
    expect(kindsAt(40 * DAY)).to.deep.equal(['expiry']);
    expect(hasExpired(reviewed, lifecycle, at(45 * DAY - 1))).to.equal(false);
    expect(hasExpired(reviewed, lifecycle, at(45 * DAY))).to.equal(true);
    const submitted = order([
      { state: 'in_process', at: 0, by: 'user' },
      { state: 'submitted', at: HOUR, by: 'operator' },
    ]);
    expect(hasExpired(submitted, lifecycle, at(60 * DAY))).to.equal(false);
  });
});
