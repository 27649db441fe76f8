// The recorded cancel flow the README points Emulator users to: a Bot Framework .transcript that
// opens, shows the welcome, the buttons, the card and the order, and that the script can record again.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { z } from 'zod';
import { CANCEL_FLOW, recordCancelFlow, TRANSCRIPT_FILE } from '../../scripts/record-transcript.js';

const Account = z.object({ id: z.string(), name: z.string(), role: z.enum(['user', 'bot']) });
const TranscriptActivity = z.looseObject({
  type: z.string(),
  id: z.string(),
  timestamp: z.iso.datetime(),
  channelId: z.string(),
  conversation: z.looseObject({ id: z.string() }),
  from: Account,
  recipient: Account,
  text: z.string().optional(),
  value: z.unknown().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).optional(),
  suggestedActions: z.object({ actions: z.array(z.looseObject({ title: z.string() })) }).optional(),
});
const Transcript = z.array(TranscriptActivity).min(1);
type Transcript = z.infer<typeof Transcript>;

/** The milestones a person opening the transcript must see. */
function expectFullCancelFlow(transcript: Transcript): void {
  const bot = transcript.filter((a) => a.from.role === 'bot' && a.type === 'message');
  const said = bot.map((a) => a.text ?? '').join('\n');
  expect(said).to.match(/Hi, I.m Filing Assistant/);
  expect(bot.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.title)).to.include.members([
    'Cancel the whole website',
    'Yes, I am the subject',
  ]);
  expect(bot.flatMap((a) => a.attachments ?? []).map((a) => a.contentType)).to.include('application/vnd.microsoft.card.adaptive');
  expect(said).to.match(/Recorded: order \*\*FA-[A-Z0-9]+\*\*/);
  const user = transcript.filter((a) => a.from.role === 'user');
  expect(user).to.have.length(CANCEL_FLOW.length);
}

describe('the recorded cancel flow for the Emulator', () => {
  it('is a .transcript (a JSON array of activities) with the whole cancel flow', () => {
    const transcript = Transcript.parse(JSON.parse(readFileSync(TRANSCRIPT_FILE, 'utf8')));
    expectFullCancelFlow(transcript);
    const times = transcript.map((a) => Date.parse(a.timestamp));
    expect([...times].sort((a, b) => a - b)).to.deep.equal(times);
  });

  it('can be recorded again from the current bot', async () => {
    const fresh = Transcript.parse(JSON.parse(JSON.stringify(await recordCancelFlow())));
    expectFullCancelFlow(fresh);
  });
});
