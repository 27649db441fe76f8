// The change flow, as transcripts: replacing a domain, and the changes the rules refuse.
import { expect } from 'chai';
import { blocked, newFiling, recorded, summaryCard, useFlowBench } from '../../support/flows.js';
import { asks, CHANGE } from './questions.js';

const WEBSITE_WHAT = ['Replace a domain with a new one', 'Remove a domain', 'Website name or other details', 'Move to another province'];
const SUBJECT_WHAT = ['Subject details', 'Personal / company', 'Move to another province'];

describe('change flow', () => {
  const setup = useFlowBench();

  it('replaces a domain after warning that the old one stops working once the new one is approved', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    await alice.chat([
      { user: 'change my website information', bot: [asks(CHANGE.websiteNumber)] },
      { user: website, bot: [asks(CHANGE.what, WEBSITE_WHAT)] },
      { user: 'Replace a domain with a new one', bot: [asks(CHANGE.oldDomain)] },
      { user: 'old-example.cn', bot: [asks(CHANGE.newDomain)] },
      {
        user: 'new-example.cn',
        bot: [
          summaryCard(
            'What changes: domain old-example.cn replaced by new-example.cn',
            'Once new-example.cn is approved, the website can no longer be visited at old-example.cn.',
            'Your website stays accessible while the change is reviewed.',
          ),
        ],
      },
      { user: 'Confirm', bot: [recorded(`to change the website information of ${website}`)] },
    ]);

    const [order] = await bench.ordersOf(alice);
    expect(order).to.deep.include({ type: 'change_website' });
    expect(order?.request).to.deep.equal({ changes: { replacesDomain: 'old-example.cn', newDomain: 'new-example.cn' } });
  });

  it('refuses to move a filing to another province: cancel and file again there', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    await alice.chat([
      { user: 'change my website information', bot: [asks(CHANGE.websiteNumber)] },
      { user: website, bot: [asks(CHANGE.what)] },
      { user: 'Move to another province', bot: [asks(CHANGE.province)] },
      {
        user: 'Guangdong',
        bot: [
          blocked(
            `The province of a filing cannot be changed: ${website} stays registered in Beijing.`,
            'Cancel this filing, then apply for a new one with the Guangdong communications administration.',
          ),
        ],
      },
    ]);
    expect(await bench.ordersOf(alice)).to.deep.equal([]);
  });

  it('refuses to turn a personal Beijing filing into a company filing', async () => {
    const { bench } = setup;
    const { subject } = newFiling('京');
    const alice = bench.person();
    await alice.chat([
      { user: 'change subject information', bot: [asks(CHANGE.subjectNumber)] },
      { user: subject, bot: [asks(CHANGE.what, SUBJECT_WHAT)] },
      { user: 'Personal / company', bot: [asks(CHANGE.subjectType, ['Personal to company', 'Company to personal', 'To another company'])] },
      {
        user: 'Personal to company',
        bot: [blocked('Beijing does not allow changing a personal filing into a company filing.', 'file again as the company')],
      },
    ]);
    expect(await bench.ordersOf(alice)).to.deep.equal([]);
  });

  it('refuses a change while a transfer of the subject is in process', async () => {
    const { bench } = setup;
    const { subject, website } = newFiling();
    const alice = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', website, ['example.cn']);
    await alice.chat([
      { user: 'change my website information', bot: [asks(CHANGE.websiteNumber)] },
      { user: website, bot: [asks(CHANGE.what)] },
      { user: 'Website name or other details', bot: [asks(CHANGE.details)] },
      {
        user: 'website name',
        bot: [
          blocked(
            `The filing information of ${subject} cannot be changed while its transfer is in process.`,
            'Submit the change once the transfer is approved',
          ),
        ],
      },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.id)).to.deep.equal([transfer]);
  });

  for (const request of ['change the website information of', 'I want to change the domain of']) {
    it(`asks what to change straight away when the website number comes with the request: "${request} …"`, () =>
      setup.bench.person().chat([{ user: `${request} ${newFiling().website}`, bot: [asks(CHANGE.what, WEBSITE_WHAT)] }]));
  }
});
