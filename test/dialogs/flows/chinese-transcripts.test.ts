// Every flow end to end in Chinese (issue 11, item 5): a whole conversation typed in Chinese, buttons
// pressed by their Chinese titles, every reply Chinese, the summary card's labels and buttons Chinese,
// and the order recorded in the store.
import { expect } from 'chai';
import type { MessageId } from '../../../src/knowledge/catalogue.js';
import { message, says, suggests } from '../../support/conversation.js';
import { allInChinese, blockedZh, label, newFiling, orderIdTo, recordedZh, say, summaryCardIn, useFlowBench, type Reply } from '../../support/flows.js';
import { buttonsIn } from './questions.js';

const SCOPE_BUTTONS = buttonsIn('zh', ['cancel.scope.subject', 'cancel.scope.website']);
const WHOLE_BUTTONS = buttonsIn('zh', ['cancel.whole.whole', 'cancel.whole.oneDomain']);
const ASKER_BUTTONS = buttonsIn('zh', ['cancel.asker.subject', 'cancel.asker.notSubject', 'cancel.asker.cannotOnline']);
const HISTORY_BUTTONS = buttonsIn('zh', ['transfer.history.never', 'transfer.history.before', 'transfer.history.hichina']);
const READY_BUTTONS = buttonsIn('zh', ['transfer.ready.ready', 'transfer.ready.notYet']);
const CHANGE_SCOPE_BUTTONS = buttonsIn('zh', ['change.scope.subject', 'change.scope.website']);
const WEBSITE_CHANGES = buttonsIn('zh', ['change.what.replaceDomain', 'change.what.removeDomain', 'change.what.websiteDetails', 'change.what.province']);
const SUBJECT_CHANGES = buttonsIn('zh', ['change.what.subjectDetails', 'change.what.subjectType', 'change.what.province']);
const SUBJECT_TYPES = buttonsIn('zh', ['change.type.personalToCompany', 'change.type.companyToPersonal', 'change.type.companyToCompany']);
const AFTER_RECORDING = buttonsIn('zh', ['conversation.button.myOrders', 'conversation.button.help']);

const SUBJECT_NUMBER = say('zh', 'filing.askSubjectNumber', { example: say('zh', 'example.subjectNumber') });
const WEBSITE_NUMBER = say('zh', 'filing.askWebsiteNumber', { example: say('zh', 'example.websiteNumber') });

/** The bot asks this Chinese question (and, when given, offers exactly these buttons). */
function asksZh(question: string, buttons?: readonly string[]): Reply {
  return message(says(question), ...(buttons ? [suggests(buttons)] : []));
}

/** "Label: value" as the summary card shows a fact, its label from the catalogue in Chinese. */
function fact(labelId: MessageId, value: string): string {
  return `${label('zh', labelId)}: ${value}`;
}

describe('flows: every flow end to end in Chinese', () => {
  const setup = useFlowBench();

  it('cancels a subject (注销主体), in Chinese throughout, and records it', async () => {
    const { bench } = setup;
    const { subject } = newFiling();
    const alice = bench.person();
    await alice.chat(
      allInChinese([
        { user: '我要注销备案', bot: [asksZh(say('zh', 'cancel.askScope'), SCOPE_BUTTONS)] },
        { user: '注销主体', bot: [asksZh(SUBJECT_NUMBER)] },
        { user: subject, bot: [asksZh(say('zh', 'cancel.askAsker', { icpNumber: subject }), ASKER_BUTTONS)] },
        {
          user: '是，我是备案主体',
          bot: [
            summaryCardIn(
              'zh',
              `确认要注销主体 ${subject} 及其下所有网站吗？`,
              `${say('zh', 'cancel.label.cancellation')}: 注销主体`,
              fact('summary.label.icpNumber', subject),
              fact('summary.label.province', '北京'),
              `${say('zh', 'cancel.label.requestedBy')}: ${say('zh', 'cancel.requestedBySubject')}`,
              say('zh', 'summary.beforeYouConfirm'),
              say('zh', 'note.subjectCancelsAll', { subjectNumber: subject }),
              say('zh', 'note.cancellationFinal'),
              say('zh', 'summary.whatHappensNext'),
            ),
          ],
        },
        { user: '确认', bot: [message(recordedZh(`注销主体 ${subject} 及其下所有网站`, say('zh', 'order.askMyOrders')), suggests(AFTER_RECORDING))] },
      ]),
    );
    expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber, o.state])).to.deep.equal([['cancel_subject', subject, 'in_process']]);
  });

  it('cancels a website (注销网站), in Chinese throughout, and records it', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    await alice.chat(
      allInChinese([
        { user: '我要注销网站', bot: [asksZh(WEBSITE_NUMBER)] },
        { user: website, bot: [asksZh(say('zh', 'cancel.askDomain'))] },
        { user: 'example.cn', bot: [asksZh(say('zh', 'cancel.askWhole', { domain: 'example.cn' }), WHOLE_BUTTONS)] },
        { user: '注销整个网站', bot: [asksZh(say('zh', 'cancel.askAsker', { icpNumber: website }), ASKER_BUTTONS)] },
        {
          user: '是，我是备案主体',
          bot: [
            summaryCardIn(
              'zh',
              `确认要注销网站 example.cn（${website}）吗？`,
              `${say('zh', 'cancel.label.cancellation')}: 注销网站`,
              fact('summary.label.icpNumber', website),
              fact('summary.label.domain', 'example.cn'),
              fact('summary.label.province', '北京'),
              say('zh', 'note.cancellationFinal'),
            ),
          ],
        },
        { user: '确认', bot: [recordedZh(`注销网站 example.cn（${website}）`)] },
      ]),
    );
    expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber, o.filing.domains])).to.deep.equal([['cancel_website', website, ['example.cn']]]);
  });

  it('transfers a filing in (接入备案), in Chinese throughout, and records it', async () => {
    const { bench } = setup;
    const { website } = newFiling('津');
    const alice = bench.person();
    await alice.chat(
      allInChinese([
        { user: '我要把备案接入阿里云', bot: [asksZh(say('zh', 'transfer.askHistory'), HISTORY_BUTTONS)] },
        { user: '从未使用过', bot: [asksZh(say('zh', 'transfer.askNumber', { example: say('zh', 'example.websiteNumber') }))] },
        { user: website, bot: [asksZh(say('zh', 'transfer.askDomain'))] },
        { user: 'example.cn', bot: [asksZh(say('zh', 'transfer.askServiceCode'), READY_BUTTONS)] },
        { user: '我已有备案服务码', bot: [asksZh(say('zh', 'transfer.askMobile'))] },
        {
          user: '13812345678',
          bot: [
            summaryCardIn(
              'zh',
              say('zh', 'transfer.title', { domain: 'example.cn' }),
              `${say('zh', 'transfer.label.type')}: ${say('zh', 'transfer.type.first')}`,
              fact('summary.label.icpNumber', website),
              fact('summary.label.province', '天津'),
              `${say('zh', 'transfer.label.serviceCode')}: ${say('zh', 'transfer.serviceCode.ready')}`,
              `${say('zh', 'transfer.label.mobile')}: 138****5678`,
              say('zh', 'transfer.noChanges'),
            ),
          ],
        },
        { user: '确认', bot: [recordedZh(`将 example.cn（${website}）的备案接入阿里云`)] },
      ]),
    );
    expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber, o.filing.domains])).to.deep.equal([['transfer_in', website, ['example.cn']]]);
  });

  it('cancels a transfer (取消接入), in Chinese throughout, and records it', async () => {
    const { bench } = setup;
    const { website } = newFiling('津');
    const alice = bench.person();
    await alice.chat(
      allInChinese([
        { user: '我要取消接入', bot: [asksZh(say('zh', 'cancelTransfer.askNumber', { example: say('zh', 'example.websiteNumber') }))] },
        {
          user: website,
          bot: [
            summaryCardIn(
              'zh',
              say('zh', 'cancelTransfer.title', { icpNumber: website }),
              fact('summary.label.icpNumber', website),
              say('zh', 'cancelTransfer.notNumber'),
              say('zh', 'note.transferCancelKeepsNumber'),
            ),
          ],
        },
        { user: '确认', bot: [recordedZh(say('zh', 'cancelTransfer.describe', { icpNumber: website }))] },
      ]),
    );
    expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber])).to.deep.equal([['cancel_transfer', website]]);
  });

  describe('change (变更), each kind the flow offers', () => {
    /** Each website change: the questions it asks after the kind is chosen, with the answers, then its last answer. */
    const websiteChanges = [
      {
        kind: '用新域名替换旧域名',
        questions: [
          { user: '用新域名替换旧域名', asked: say('zh', 'change.askOldDomain') },
          { user: 'old-example.cn', asked: say('zh', 'change.askNewDomain') },
        ],
        last: 'new-example.cn',
        changes: say('zh', 'change.changes.replaceDomain', { oldDomain: 'old-example.cn', newDomain: 'new-example.cn' }),
      },
      {
        kind: '删除域名',
        questions: [{ user: '删除域名', asked: say('zh', 'change.askRemovedDomain') }],
        last: 'example.com.cn',
        changes: say('zh', 'change.changes.removeDomain', { domain: 'example.com.cn' }),
      },
      {
        kind: '网站名称或其他信息',
        questions: [{ user: '网站名称或其他信息', asked: say('zh', 'change.askDetails') }],
        last: '网站名称、网站负责人',
        changes: '网站负责人',
      },
    ];
    for (const { kind, questions, last, changes } of websiteChanges) {
      it(`changes website information: ${kind}, in Chinese throughout, and records it`, async () => {
        const { bench } = setup;
        const { website } = newFiling();
        const alice = bench.person();
        const what = say('zh', 'change.describe.website', { icpNumber: website });
        await alice.chat(
          allInChinese([
            { user: '我要变更备案信息', bot: [asksZh(say('zh', 'change.askScope'), CHANGE_SCOPE_BUTTONS)] },
            { user: '网站信息', bot: [asksZh(WEBSITE_NUMBER)] },
            { user: website, bot: [asksZh(say('zh', 'change.askWhat'), WEBSITE_CHANGES)] },
            ...questions.map(({ user, asked }) => ({ user, bot: [asksZh(asked)] })),
            {
              user: last,
              bot: [
                summaryCardIn(
                  'zh',
                  say('zh', 'change.title', { what }),
                  `${say('zh', 'change.label.change')}: ${say('zh', 'change.modify.website')}`,
                  `${say('zh', 'change.label.whatChanges')}: `,
                  changes,
                  say('zh', 'change.stillAccessible'),
                ),
              ],
            },
            { user: '确认', bot: [recordedZh(say('zh', 'change.describeAction', { what }))] },
          ]),
        );
        expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber])).to.deep.equal([['change_website', website]]);
      });
    }

    it('changes subject details (主体信息详情), in Chinese throughout, and records it', async () => {
      const { bench } = setup;
      const { subject } = newFiling('粤');
      const alice = bench.person();
      await alice.chat(
        allInChinese([
          { user: '我要变更备案信息', bot: [asksZh(say('zh', 'change.askScope'), CHANGE_SCOPE_BUTTONS)] },
          { user: '主体信息', bot: [asksZh(SUBJECT_NUMBER)] },
          { user: subject, bot: [asksZh(say('zh', 'change.askWhat'), SUBJECT_CHANGES)] },
          { user: '主体信息详情', bot: [asksZh(say('zh', 'change.askDetails'))] },
          {
            user: '主体负责人',
            bot: [
              summaryCardIn(
                'zh',
                say('zh', 'change.title', { what: say('zh', 'change.describe.subject', { icpNumber: subject }) }),
                `${say('zh', 'change.label.change')}: ${say('zh', 'change.modify.subject')}`,
                `${say('zh', 'change.label.whatChanges')}: 主体负责人`,
                fact('summary.label.province', '广东'),
              ),
            ],
          },
          { user: '确认', bot: [recordedZh(say('zh', 'change.describeAction', { what: say('zh', 'change.describe.subject', { icpNumber: subject }) }))] },
        ]),
      );
      expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber])).to.deep.equal([['change_subject', subject]]);
    });

    it('changes a personal filing into a company one (个人转企业) where the province allows it, in Chinese throughout', async () => {
      const { bench } = setup;
      const { subject } = newFiling('粤');
      const alice = bench.person();
      await alice.chat(
        allInChinese([
          { user: '我要变更主体信息', bot: [asksZh(SUBJECT_NUMBER)] },
          { user: subject, bot: [asksZh(say('zh', 'change.askWhat'), SUBJECT_CHANGES)] },
          { user: '个人 / 企业', bot: [asksZh(say('zh', 'change.askSubjectType'), SUBJECT_TYPES)] },
          { user: '个人转企业', bot: [summaryCardIn('zh', `${say('zh', 'change.label.whatChanges')}: ${say('zh', 'change.type.personalToCompany')}`)] },
          { user: '确认', bot: [recordedZh(say('zh', 'change.describeAction', { what: say('zh', 'change.describe.subject', { icpNumber: subject }) }))] },
        ]),
      );
      expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber])).to.deep.equal([['change_subject', subject]]);
    });

    it('refuses in Chinese a personal-to-company change where the province does not allow it (北京), recording nothing', async () => {
      const { bench } = setup;
      const { subject } = newFiling('京');
      const alice = bench.person();
      await alice.chat(
        allInChinese([
          { user: '我要变更主体信息', bot: [asksZh(SUBJECT_NUMBER)] },
          { user: subject, bot: [asksZh(say('zh', 'change.askWhat'), SUBJECT_CHANGES)] },
          { user: '个人 / 企业', bot: [asksZh(say('zh', 'change.askSubjectType'), SUBJECT_TYPES)] },
          {
            user: '个人转企业',
            bot: [
              blockedZh(say('zh', 'rule.subjectTypeChange.personalToCompany', { province: '北京' }), say('zh', 'rule.subjectTypeChange.insteadPersonalToCompany')),
            ],
          },
        ]),
      );
      expect(await bench.ordersOf(alice)).to.deep.equal([]);
    });

    it('refuses in Chinese to move a filing to another province (迁到其他省份), recording nothing', async () => {
      const { bench } = setup;
      const { website } = newFiling();
      const alice = bench.person();
      await alice.chat(
        allInChinese([
          { user: '我要变更网站信息', bot: [asksZh(WEBSITE_NUMBER)] },
          { user: website, bot: [asksZh(say('zh', 'change.askWhat'), WEBSITE_CHANGES)] },
          { user: '迁到其他省份', bot: [asksZh(say('zh', 'change.askProvince'))] },
          {
            user: '广东',
            bot: [
              blockedZh(say('zh', 'rule.provinceChange.reason', { icpNumber: website, province: '北京' }), say('zh', 'rule.provinceChange.instead', { newProvince: '广东' })),
            ],
          },
        ]),
      );
      expect(await bench.ordersOf(alice)).to.deep.equal([]);
    });
  });

  it('shows my orders (我的订单) and withdraws one by its Chinese button, in Chinese throughout', async () => {
    const { bench } = setup;
    const { website } = newFiling('津');
    const alice = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', website, ['example.cn']);
    const order = say('zh', 'orders.describeWithDomains', { action: say('zh', 'action.transferIn'), icpNumber: website, domains: ['example.cn'] });
    const withdrawButton = say('zh', 'orders.withdrawButton', { orderId: transfer });
    await alice.chat(
      allInChinese([
        {
          user: '我的订单',
          bot: [message(says(say('zh', 'orders.heading', { count: 1 }), `**${transfer}**：${order}，${say('zh', 'order.state.inProcess')}`), suggests([withdrawButton, '帮助']))],
        },
        { user: withdrawButton, bot: [message(says(say('zh', 'orders.confirmWithdraw', { orderId: transfer, order })), suggests(['是', '否']))] },
        { user: '是', bot: [message(says(say('zh', 'orders.withdrawn', { orderId: transfer, order })))] },
        { user: '我的订单', bot: [message(says(`**${transfer}**：${order}，${say('zh', 'order.state.withdrawn')}`), suggests(['帮助']))] },
      ]),
    );
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['withdrawn']);
  });

  it('cancels a website in Chinese, then withdraws that mistaken cancellation within its undo window, in Chinese throughout', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    let cancellation = '';
    await alice.chat(
      allInChinese([
        { user: `我要注销网站 example.cn，备案号${website}`, bot: [asksZh(say('zh', 'cancel.askWhole', { domain: 'example.cn' }), WHOLE_BUTTONS)] },
        { user: '注销整个网站', bot: [asksZh(say('zh', 'cancel.askAsker', { icpNumber: website }), ASKER_BUTTONS)] },
        { user: '是，我是备案主体', bot: [summaryCardIn('zh', say('zh', 'note.cancellationFinal'))] },
        {
          user: '确认',
          bot: [
            message(
              recordedZh(),
              orderIdTo((id) => {
                cancellation = id;
              }),
            ),
          ],
        },
      ]),
    );
    expect(cancellation, 'the recorded order id').to.match(/^FA-/);
    bench.advanceClock(10);
    const order = say('zh', 'orders.describeWithDomains', { action: say('zh', 'action.cancelWebsite'), icpNumber: website, domains: ['example.cn'] });
    await alice.chat(
      allInChinese([
        { user: '我的订单', bot: [message(suggests([say('zh', 'orders.withdrawButton', { orderId: cancellation }), '帮助']))] },
        { user: `撤回 ${cancellation}`, bot: [message(says(say('zh', 'orders.confirmWithdraw', { orderId: cancellation, order })))] },
        { user: '是', bot: [message(says(say('zh', 'orders.withdrawn', { orderId: cancellation, order })))] },
      ]),
    );
    expect((await bench.ordersOf(alice)).map((o) => [o.type, o.state])).to.deep.equal([['cancel_website', 'withdrawn']]);
  });
});
