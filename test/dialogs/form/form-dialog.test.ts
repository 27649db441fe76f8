// The form engine on a small flow of its own: prefilled slots are not asked, each answer is parsed
// once, `when` skips a slot, a bad answer is re-asked with an example, and three offer a way out.
import { ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { expect } from 'chai';
import { z } from 'zod';
import { FormDialog } from '../../../dialogs/form/form-dialog.js';
import { slot, type FlowDeclaration } from '../../../dialogs/form/flow-declaration.js';
import { notAnAnswer, routerDecides, type NotAnAnswer } from '../../../dialogs/form/non-answers.js';
import { filingOf } from '../../../dialogs/flows/filing.js';
import { cancelTransferSteps } from '../../../dialogs/messages/next-steps.js';
import type { FlowServices } from '../../../dialogs/services.js';
import { DialogSet, DialogTurnStatus, type DialogState } from '../../../src/botframework/dialog-kit.js';
import { composeBot, type BotParts } from '../../../src/compose.js';
import { message } from '../../../src/knowledge/catalogue.js';
import { DomainNameValue, domainParser, fieldNamesParser, type AnswerParser } from '../../../src/understanding/field-parsers.js';
import type { DomainName } from '../../../src/understanding/entities.js';
import { cardText } from '../../support/flows.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../../support/paths.js';

const TestSlots = z.object({ domain: DomainNameValue.optional(), fields: z.array(z.string()).optional() });
type TestSlots = z.infer<typeof TestSlots>;

/** A domain that needs no field names: the `when` of the second slot says so. */
const NO_FIELDS = 'skip.cn';

const ASK_DOMAIN = "What is the website's domain name? For example example.cn.";
const ASK_FIELDS = 'Which details change?';
const GIVE_UP = 'I still could not read that. You can try again, or stop here (nothing is recorded), or start this over.';

describe('the form engine', () => {
  let dataDir: string;
  let parts: BotParts;
  let domainReads = 0;

  const countingDomainParser: AnswerParser<DomainName> = (text, words) => {
    domainReads += 1;
    return domainParser(text, words);
  };

  const flow: FlowDeclaration<TestSlots> = {
    id: 'testFlow',
    name: 'flow.cancelTransfer.name',
    state: TestSlots,
    slots: () => [
      slot<TestSlots, 'domain'>({ name: 'domain', parse: countingDomainParser, prompt: () => ({ text: message('cancel.askDomain') }), prefill: (given) => given.domain }),
      slot<TestSlots, 'fields'>({
        name: 'fields',
        parse: fieldNamesParser,
        prompt: () => ({ text: message('change.askDetails') }),
        when: (filled) => filled.domain?.ascii !== NO_FIELDS,
      }),
    ],
    request: (filled) => ({ type: 'cancel_transfer', filing: filingOf(undefined, filled.domain, 'asGiven') }),
    describe: () => message('cancelTransfer.describe', { icpNumber: '' }),
    summary: (_filled, _notes, services) => ({
      title: message('cancelTransfer.title', { icpNumber: '' }),
      facts: [],
      warnings: [],
      sources: [services.understanding.knowledge.citations.get('transferCancelKeepsNumber')],
    }),
    nextSteps: () => cancelTransferSteps(),
  };

  before(async () => {
    dataDir = makeTempDir();
    parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: dataDir }, { storage: new MemoryStorage() });
  });

  after(async () => {
    await parts?.orders.close();
    removeDir(dataDir);
  });

  beforeEach(() => {
    domainReads = 0;
  });

  /** A conversation with only this flow: the first message starts it with what it names. */
  function conversation(options: { routed?: boolean; savedBeforeTheEngine?: boolean } = {}) {
    const services: FlowServices = { understanding: parts.understanding, orders: parts.orders, reminders: parts.notifications, provinceRules: parts.provinceRules, lifecycle: parts.lifecycle, cancellationUndoMs: 30 * 60_000, now: () => new Date() };
    const form = new FormDialog(flow, services);
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
    dialogs.add(form);
    dialogs.add(form.ask);
    const reported: (NotAnAnswer | undefined)[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      if (options.routed) routerDecides(context);
      const dc = await dialogs.createContext(context);
      // What an older version saved: the flow on top, its question inside it (here: gone).
      if (options.savedBeforeTheEngine && dc.activeDialog?.id === form.ask.id) dc.stack.pop();
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dc.beginDialog(form.id, { recognition: parts.understanding.recognize(context.activity.text ?? '') });
      }
      reported.push(notAnAnswer(context));
      await state.saveChanges(context);
    });
    return {
      reported,
      async say(text: string): Promise<Partial<Activity>[]> {
        await adapter.send(text);
        const replies: Partial<Activity>[] = [];
        for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) replies.push(reply);
        return replies;
      },
    };
  }

  const texts = (replies: Partial<Activity>[]) => replies.map((r) => `${r.text ?? ''}\n${cardText(r)}`).join('\n---\n');

  it('does not ask for a slot the first message already filled', async () => {
    const chat = conversation();
    const replies = await chat.say('cancel the transfer of example.cn');
    expect(texts(replies)).to.include(ASK_FIELDS).and.not.include(ASK_DOMAIN);
  });

  it('parses an answer once, into the slot, and asks for the next one', async () => {
    const chat = conversation();
    expect(texts(await chat.say('hello'))).to.include(ASK_DOMAIN);
    domainReads = 0;
    expect(texts(await chat.say('example.cn'))).to.include(ASK_FIELDS);
    expect(domainReads).to.equal(1);
  });

  it('skips a slot whose `when` says it is not needed, straight to the summary', async () => {
    const chat = conversation();
    await chat.say('hello');
    const summary = texts(await chat.say(NO_FIELDS));
    expect(summary).to.not.include(ASK_FIELDS);
    expect(summary).to.include('Confirm').and.include('Stop');
  });

  it('re-asks a bad answer with what was wrong and an example', async () => {
    const chat = conversation();
    await chat.say('hello');
    const [reask, ...more] = await chat.say('example');
    expect(more).to.deep.equal([]);
    expect(reask?.text).to.equal(`That is not a domain name I can read. Please type it like example.cn (or 例子.中国).\n\n${ASK_DOMAIN}`);
  });

  it('offers Stop and Start over after three bad answers', async () => {
    const chat = conversation();
    await chat.say('hello');
    await chat.say('example');
    await chat.say('example');
    const [giveUp] = await chat.say('example');
    expect(giveUp?.text).to.include(GIVE_UP);
    expect((giveUp?.suggestedActions?.actions ?? []).map((a) => a.title)).to.deep.equal(['Stop', 'Start over']);
  });

  it('starts over, saying so, in a conversation saved before the engine', async () => {
    const chat = conversation({ savedBeforeTheEngine: true });
    await chat.say('hello');
    expect((await chat.say('example.cn')).map((r) => r.text)).to.deep.equal(['Starting over.', ASK_DOMAIN]);
  });

  it('under a router, reports a non-answer to it and says nothing itself', async () => {
    const chat = conversation({ routed: true });
    await chat.say('hello');
    expect(await chat.say('example')).to.deep.equal([]);
    expect(chat.reported.at(-1)?.problem).to.deep.include({ id: 'answer.domain.unreadable' });
    expect(chat.reported.at(-1)?.surelyAnAnswer).to.equal(false);
    expect(domainReads).to.equal(1);
  });
});
