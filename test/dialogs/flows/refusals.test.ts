// Safety at every confirmation: a "no" in any form, English or Chinese, never records an order
// and never withdraws one.
import { expect } from 'chai';
import { cardText, newFiling, useFlowBench, type Person } from '../../support/flows.js';

/** Negative and refusing answers a person gives at a summary (issue 10: "不是" recorded an order). */
export const REFUSALS = [
  '不是',
  '不对，我只要注销这个网站，不是注销主体',
  'no',
  "no, don't submit it",
  'actually no, stop',
  '不要',
  '不确认',
  '别提交',
  '算了',
  'nope',
  'not now',
  'wait',
  'stop',
  'cancel',
  '我再想想',
  '先不要',
  '取消',
  '不用了',
  '没有',
  '否',
  'No.',
  'nah',
  "don't",
  'do not confirm',
  'not yet',
  'no thanks',
  'hold on',
  'never mind',
  '不是的',
  '等一下',
] as const;

/** Each flow, from its first message to its summary card, for a filing of its own. */
const TO_SUMMARY: { flow: string; turns: (filing: { subject: string; website: string }) => string[] }[] = [
  {
    flow: 'cancel',
    turns: ({ website }) => [`cancel the website example.cn, ${website}`, 'whole website', 'yes I am the subject'],
  },
  {
    flow: 'transfer',
    turns: ({ website }) => ['I want to transfer my filing to you', 'Never used it', website, 'example.cn', 'I have the service code', '13812345678'],
  },
  { flow: 'cancel transfer', turns: ({ website }) => [`cancel the transfer of ${website}`] },
  {
    flow: 'change',
    turns: ({ website }) => ['change my website information', website, 'Replace a domain with a new one', 'old-example.cn', 'new-example.cn'],
  },
];

async function reachSummary(person: Person, turns: readonly string[]): Promise<void> {
  let last: string[] = [];
  for (const text of turns) last = (await person.deliver(text)).map(cardText);
  expect(last.join('\n'), `the summary card after ${JSON.stringify(turns)}`).to.include('Confirm');
}

describe('flows: refusals at a summary never record an order', () => {
  expect(REFUSALS).to.have.length(30);
  const setup = useFlowBench();

  for (const { flow, turns } of TO_SUMMARY) {
    it(`records nothing in the ${flow} flow for any of ${REFUSALS.length} refusals`, async () => {
      const { bench } = setup;
      const recorded: string[] = [];
      for (const refusal of REFUSALS) {
        const person = bench.person();
        await reachSummary(person, turns(newFiling()));
        await person.deliver(refusal);
        if ((await bench.ordersOf(person)).length > 0) recorded.push(refusal);
      }
      expect(recorded, 'refusals that recorded an order').to.deep.equal([]);
    });
  }

  it(`withdraws nothing for any of ${REFUSALS.length} refusals to "Withdraw order …?"`, async () => {
    const { bench } = setup;
    const withdrawn: string[] = [];
    for (const refusal of REFUSALS) {
      const person = bench.person();
      const id = await bench.givenOrder(person, 'transfer_in', newFiling().website);
      expect((await person.deliver(`withdraw ${id}`)).map((r) => r.text ?? '').join('\n')).to.include(`Withdraw order ${id}`);
      await person.deliver(refusal);
      const [order] = await bench.ordersOf(person);
      if (order?.state !== 'in_process') withdrawn.push(refusal);
    }
    expect(withdrawn, 'refusals that withdrew the order').to.deep.equal([]);
  });
});
