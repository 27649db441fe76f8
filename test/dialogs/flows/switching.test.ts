// A change of mind in the middle of a flow: the new flow is the one a later "stop" or "start over" names.
import { message, says } from '../../support/conversation.js';
import { useFlowBench } from '../../support/flows.js';
import { asks, CANCEL, TRANSFER } from './questions.js';

describe('flows: after switching to another flow', () => {
  const setup = useFlowBench();

  it('stops the flow switched to, by its own name', () =>
    setup.bench.person().chat([
      { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
      { user: 'I want to transfer my filing to you', bot: [message(says('OK, I left the cancellation (nothing was recorded).')), asks(TRANSFER.history)] },
      { user: 'stop', bot: [message(says('OK, I stopped the transfer. Nothing was recorded. What else can I do for you?'))] },
    ]));

  it('starts the flow switched to over, not the one left', () =>
    setup.bench.person().chat([
      { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
      { user: 'I want to transfer my filing to you', bot: [message(says('OK, I left the cancellation')), asks(TRANSFER.history)] },
      { user: 'start over', bot: [message(says('Starting over.')), asks(TRANSFER.history)] },
    ]));
});
