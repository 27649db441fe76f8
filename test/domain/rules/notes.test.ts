import { expect } from 'chai';
import type { ActionRequest } from '../../../src/domain/action.js';
import { notesFor } from '../../../src/domain/rules/notes.js';
import { context, filing, request, say } from './support.js';

const cases: Array<{ name: string; request: ActionRequest; notes: string[] }> = [
  {
    name: 'warns that the old domain stops working when a new one replaces it',
    request: request('change_website', { changes: { newDomain: 'example.com.cn', replacesDomain: 'example.cn' } }),
    notes: ['old-domain-stops'],
  },
  { name: 'adds no domain warning when a domain is only added', request: request('change_website', { changes: { newDomain: 'example.com.cn' } }), notes: [] },
  { name: 'says the number stays valid when a transfer is cancelled', request: request('cancel_transfer'), notes: ['transfer-cancel-keeps-number'] },
  { name: 'says a website cancellation cannot be deleted once in the filing system', request: request('cancel_website'), notes: ['cancellation-is-final'] },
  {
    name: 'says a subject cancellation removes every website and cannot be withdrawn',
    request: request('cancel_subject'),
    notes: ['subject-cancels-all-websites', 'cancellation-is-final'],
  },
  {
    name: 'states the condition for a company to personal change where it is allowed',
    request: request('change_subject', { filing: filing({ province: 'guangdong' }), changes: { subjectType: { from: 'company', to: 'personal' } } }),
    notes: ['company-to-personal-condition'],
  },
  { name: 'adds nothing to a transfer in', request: request('transfer_in'), notes: [] },
];

describe('notes on allowed actions', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(notesFor(c.request, context()).map((n) => n.id)).to.deep.equal(c.notes);
    });
  }

  it('names both domains in the replacement warning', () => {
    const [note] = notesFor(request('change_website', { changes: { newDomain: 'new.cn', replacesDomain: 'old.cn' } }), context());
    expect(say(note?.text)).to.include('new.cn').and.include('old.cn');
  });
});
