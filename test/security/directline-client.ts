// A minimal Direct Line 3.0 client over fetch for the security tests: start a conversation, post,
// poll, and read what the bot said.
import { z } from 'zod';

export const ConversationBody = z.object({ conversationId: z.string().min(1), token: z.string().min(20) });
export type ConversationBody = z.infer<typeof ConversationBody>;

const Account = z.looseObject({ id: z.string(), name: z.string().optional(), role: z.string().optional() });
export const ChannelActivity = z.looseObject({
  type: z.string(),
  id: z.string(),
  text: z.string().optional(),
  from: Account,
  membersAdded: z.array(Account).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
});
export type ChannelActivity = z.infer<typeof ChannelActivity>;
const ActivitySet = z.object({ activities: z.array(ChannelActivity), watermark: z.string() });

/** One client's conversation on the local Direct Line at `base` (…/v3/directline). */
export class DirectLineConversation {
  private watermark = '';

  private constructor(
    readonly base: string,
    readonly conversation: ConversationBody,
  ) {}

  /** Starts a conversation, sending `body` as the client chooses (a user id it would like, say). */
  static async start(base: string, body: unknown = {}): Promise<DirectLineConversation> {
    const response = await post(`${base}/conversations`, body);
    if (response.status !== 201) throw new Error(`starting a conversation answered ${response.status}: ${await response.text()}`);
    return new DirectLineConversation(base, ConversationBody.parse(await response.json()));
  }

  /** The user id the channel bound to this conversation's token (the joining user of its first activity). */
  async boundUserId(): Promise<string> {
    const { activities } = await this.poll('');
    const joined = activities.find((a) => a.type === 'conversationUpdate');
    if (!joined) throw new Error('the conversation has no conversationUpdate');
    return joined.from.id;
  }

  /** Posts an activity and answers the raw response (for refusals). */
  send(activity: unknown): Promise<Response> {
    return post(`${this.base}/conversations/${this.conversation.conversationId}/activities`, activity, this.conversation.token);
  }

  /** Posts a message from `fromId` and returns every activity that came after it, its echo first. */
  async say(text: string, fromId = 'user-someone-else'): Promise<ChannelActivity[]> {
    await this.poll(this.watermark).then((set) => (this.watermark = set.watermark));
    const response = await this.send({ type: 'message', text, from: { id: fromId, role: 'user' } });
    if (response.status !== 200) throw new Error(`posting "${text}" answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    const set = await this.poll(this.watermark);
    this.watermark = set.watermark;
    return set.activities;
  }

  async poll(watermark: string): Promise<z.infer<typeof ActivitySet>> {
    const response = await fetch(`${this.base}/conversations/${this.conversation.conversationId}/activities?watermark=${watermark}`, {
      headers: { authorization: `Bearer ${this.conversation.token}` },
    });
    if (response.status !== 200) throw new Error(`polling answered ${response.status}`);
    return ActivitySet.parse(await response.json());
  }
}

export function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** What the bot said among `activities`: its messages' text and cards, one string. */
export function botSaid(activities: readonly ChannelActivity[]): string {
  return activities
    .filter((a) => a.type === 'message' && a.from.role === 'bot')
    .map((a) => [a.text ?? '', ...(a.attachments ?? []).map((card) => JSON.stringify(card.content))].join('\n'))
    .join('\n');
}
