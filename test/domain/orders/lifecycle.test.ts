// The order lifecycle as shipped in knowledge/: who may move which order where, and what users are told.
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { allowedTransitions, expiresAt, phoneVerificationDeadline, stateNews, transitionProblem } from '../../../src/domain/orders/lifecycle.js';
import { ORDER_STATES } from '../../../src/domain/orders/order-summary.js';
import { ACTION_TYPES } from '../../../src/domain/action.js';
import { loadOrderLifecycle } from '../../../src/knowledge/order-lifecycle.js';
import { loadProvinceRules } from '../../../src/knowledge/province-rules.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../../support/paths.js';

describe('order lifecycle (knowledge/order-lifecycle.json)', () => {
  const lifecycle = loadOrderLifecycle(KNOWLEDGE_DIR, loadProvinceRules(KNOWLEDGE_DIR));
  const catalogue = loadKnowledge(KNOWLEDGE_DIR).catalogue;

  it('takes a transfer through provider review, the MIIT phone check and the administration', () => {
    const transfer = (state: (typeof ORDER_STATES)[number]) => ({ type: 'transfer_in' as const, state });
    expect(allowedTransitions(lifecycle, transfer('in_process'), 'operator')).to.include.members(['provider_review', 'rejected', 'withdrawn']);
    expect(allowedTransitions(lifecycle, transfer('provider_review'), 'operator')).to.include.members(['phone_verification', 'submitted']);
    expect(allowedTransitions(lifecycle, transfer('phone_verification'), 'operator')).to.have.members(['submitted', 'rejected']);
    expect(allowedTransitions(lifecycle, transfer('submitted'), 'operator')).to.have.members(['completed', 'rejected']);
  });

  it('has no phone verification for a cancellation, and nothing after a final state', () => {
    expect(allowedTransitions(lifecycle, { type: 'cancel_website', state: 'provider_review' })).to.not.include('phone_verification');
    for (const type of ACTION_TYPES) {
      for (const state of ['completed', 'rejected', 'withdrawn', 'expired'] as const) {
        expect(allowedTransitions(lifecycle, { type, state }), `${type} ${state}`).to.deep.equal([]);
      }
    }
  });

  it('says why a move is refused: not from this state, not by this actor, already there', () => {
    expect(transitionProblem(lifecycle, { type: 'cancel_subject', state: 'completed' }, 'withdrawn', 'operator')).to.include({ code: 'not_allowed' });
    expect(transitionProblem(lifecycle, { type: 'cancel_subject', state: 'in_process' }, 'provider_review', 'user')).to.include({ code: 'not_by_actor' });
    expect(transitionProblem(lifecycle, { type: 'change_website', state: 'submitted' }, 'submitted', 'operator')).to.include({ code: 'same_state' });
    expect(transitionProblem(lifecycle, { type: 'change_website', state: 'submitted' }, 'completed', 'operator')).to.equal(undefined);
  });

  it('expires unfinished orders 45 days after they were recorded, and gives the MIIT check 48 hours', () => {
    expect(expiresAt(lifecycle, { state: 'in_process', createdAt: '2026-01-01T00:00:00.000Z' })?.toISOString()).to.equal('2026-02-15T00:00:00.000Z');
    expect(expiresAt(lifecycle, { state: 'submitted', createdAt: '2026-01-01T00:00:00.000Z' })).to.equal(undefined);
    expect(phoneVerificationDeadline(lifecycle, '2026-01-01T08:00:00.000Z').toISOString()).to.equal('2026-01-03T08:00:00.000Z');
  });

  it('words every state of every order type in English and Chinese', () => {
    for (const type of ACTION_TYPES) {
      for (const state of ORDER_STATES) {
        const news = stateNews(lifecycle, type, state);
        for (const locale of ['en', 'zh'] as const) {
          expect(catalogue.render(locale, news.state)).to.be.a('string').and.not.match(/\{\w+\}/);
          expect(catalogue.render(locale, news.next)).to.be.a('string').and.not.match(/\{\w+\}/);
        }
      }
    }
    const phone = stateNews(lifecycle, 'transfer_in', 'phone_verification').next;
    expect(catalogue.render('zh', phone)).to.contain('48小时');
  });

  it('lets the user withdraw exactly where the chat offers it: an order just recorded (withdrawal.ts)', () => {
    for (const type of ACTION_TYPES) {
      const byUser = ORDER_STATES.filter((state) => allowedTransitions(lifecycle, { type, state }, 'user').includes('withdrawn'));
      expect(byUser, type).to.deep.equal(['in_process']);
    }
  });

  it('refuses a file that lets a final state move or cites what the source does not say', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    const file = join(dir, 'order-lifecycle.json');
    const text = readFileSync(file, 'utf8')
      .replace('"cancel_subject": [', '"cancel_subject": [\n      { "from": "completed", "to": ["in_process"], "by": ["operator"] },')
      .replace('"quote": "Orders left unfinished for 45 days are deleted by the provider"\n        }\n      ]\n    }\n  },', '"quote": "Orders are kept forever"\n        }\n      ]\n    }\n  },');
    writeFileSync(file, text);
    expect(() => loadOrderLifecycle(dir, loadProvinceRules(dir))).to.throw(/transitions\.cancel_subject\[0\]\.from: "completed" is a final state[\s\S]*states\.expired\.sources\[0\]/);
  });
});
