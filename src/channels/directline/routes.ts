// The local Direct Line 3.0 endpoints under /v3/directline: start a conversation, post an activity
// (run through the bot at once), poll the activities after a watermark, and tokens. A token opens
// one conversation as one user: the user id on every activity is the token's, never the client's.
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { bearerToken } from '../../botframework/bearer-token.js';
import { log } from '../../log.js';
import type { TurnGate } from '../../http/turn-gate.js';
import type { RunTurn } from './bot-turn.js';
import { activityBytes, ConversationStore, type ChannelActivity, type Conversation } from './conversation-store.js';
import {
  describeIssues,
  DIRECTLINE_PATH,
  errorBody,
  PostedActivity,
  StartConversationBody,
  TOKEN_LIFETIME_SECONDS,
  Watermark,
  WEBCHAT_CHANNEL_ID,
} from './protocol.js';

export interface DirectLineParts {
  store: ConversationStore;
  runTurn: RunTurn;
  /** The bot as the channel's members see it: its app id (or a local id) and its name. */
  bot: ChannelAccount;
  /** The largest activity (as JSON) a client may post; larger ones are refused with 413. */
  maxActivityBytes: number;
  /** The server's limit on turns at once, shared with /api/messages. */
  gate: TurnGate;
}

/** How long a client refused because the bot is busy should wait. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** How long a client refused for want of room should wait before it tries again. */
const RETRY_AFTER_SECONDS = 60;

const ConversationParams = z.object({ conversationId: z.string().min(1).max(128) });
const WatermarkQuery = z.object({ watermark: Watermark }).loose();

/** What Direct Line answers about a conversation: its id and the token to use with it. */
function conversationBody(conversation: Conversation) {
  return { conversationId: conversation.id, token: conversation.token, expires_in: TOKEN_LIFETIME_SECONDS };
}

/** The bearer token, if the client sent one (Web Chat without a token sends "Bearer undefined"). */
function conversationToken(req: Request): string | undefined {
  const token = bearerToken(req.header('authorization'));
  return token === 'undefined' || token === 'null' ? undefined : token;
}

/**
 * The service URL stored in conversation references: the channel's own, never the Host header a
 * client sends (a client could otherwise point the bot's replies at any address it likes).
 */
const SERVICE_URL = `http://localhost${DIRECTLINE_PATH}`;

function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.send(status, errorBody(code, message), headers);
}

/** 429: the channel has no room now; live conversations keep theirs until they are idle. */
function sendFull(res: Response, message: string): void {
  sendError(res, 429, 'TooManyRequests', message, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

const CHANNEL_FULL = 'the local channel holds as many conversations as it may: try again later';

/** The activity as the client will see it come back: without the channel's own plumbing. */
function visible(activity: Partial<Activity>): Partial<Activity> {
  const copy = { ...activity };
  delete copy.serviceUrl;
  delete copy.deliveryMode;
  delete copy.callerId;
  return copy;
}

export function mountDirectLineRoutes(server: Server, parts: DirectLineParts): void {
  const { store, runTurn, bot, maxActivityBytes, gate } = parts;

  /** The bot's view of a channel activity: every field Activity requires, and expectReplies. */
  function toBotActivity(activity: ChannelActivity, conversation: Conversation, url: string): Activity {
    return {
      localTimezone: '',
      callerId: '',
      text: '',
      label: '',
      valueType: '',
      listenFor: [],
      ...activity,
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: url,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      // Already the token's user for posted activities; said again here so no path can differ.
      from: { id: conversation.user.id, name: activity.from?.name ?? conversation.user.name, role: 'user' },
      recipient: bot,
    };
  }

  /** Runs the bot on an activity already in the conversation and appends its replies. */
  async function runAndRecord(activity: ChannelActivity, conversation: Conversation, url: string): Promise<void> {
    const replies = await gate.run(() => runTurn(toBotActivity(activity, conversation, url)), undefined);
    if (replies === undefined) throw new Error('the bot is busy: too many turns wait already');
    for (const reply of replies) {
      store.append(conversation.id, {
        ...visible(reply),
        type: reply.type ?? 'message',
        from: { ...bot, role: 'bot' },
        replyToId: activity.id,
      });
    }
  }

  /** Opens a conversation: tells the bot the user joined, as Web Chat does not, so the welcome shows. */
  async function start(conversation: Conversation, url: string): Promise<void> {
    conversation.started = true;
    const joined = store.append(conversation.id, {
      type: 'conversationUpdate',
      channelId: WEBCHAT_CHANNEL_ID,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: conversation.user,
      membersAdded: [conversation.user],
    });
    if (!joined) return;
    try {
      await store.inTurn(conversation.id, () => runAndRecord(joined, conversation, url));
    } catch (error) {
      log.error('local Direct Line: the welcome turn failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The conversation a request names, if its token opens it; otherwise the error is sent. */
  function authorized(req: Request, res: Response): Conversation | undefined {
    const params = ConversationParams.safeParse(req.params);
    if (!params.success) {
      sendError(res, 400, 'BadArgument', describeIssues(params.error));
      return undefined;
    }
    const token = conversationToken(req);
    if (token === undefined) {
      sendError(res, 401, 'Unauthorized', 'send the conversation token as "Authorization: Bearer <token>"');
      return undefined;
    }
    const conversation = store.get(params.data.conversationId);
    if (!conversation) {
      sendError(res, 404, 'BadArgument', 'unknown conversation: start a new one with POST /v3/directline/conversations');
      return undefined;
    }
    if (!ConversationStore.opens(conversation, token)) {
      sendError(res, 403, 'TokenExpired', 'this token does not open this conversation');
      return undefined;
    }
    return conversation;
  }

  // No CORS headers: the page that uses this channel is served from the same origin, and a page
  // elsewhere must not drive a visitor's local bot.
  server.post(`${DIRECTLINE_PATH}/tokens/generate`, async (req: Request, res: Response) => {
    const body = StartConversationBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'BadArgument', describeIssues(body.error));
    if (!store.hasRoomForConversation()) return sendFull(res, CHANNEL_FULL);
    res.send(200, conversationBody(store.create({ name: body.data?.user?.name })));
  });

  server.post(`${DIRECTLINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const token = conversationToken(req);
    const conversation = token === undefined ? undefined : store.byToken(token);
    if (!conversation) return sendError(res, 403, 'TokenExpired', 'unknown or expired token');
    res.send(200, conversationBody(conversation));
  });

  server.post(`${DIRECTLINE_PATH}/conversations`, async (req: Request, res: Response) => {
    const body = StartConversationBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'BadArgument', describeIssues(body.error));
    const token = conversationToken(req);
    let conversation: Conversation;
    if (token === undefined) {
      if (!store.hasRoomForConversation()) return sendFull(res, CHANNEL_FULL);
      conversation = store.create({ name: body.data?.user?.name });
    } else {
      const known = store.byToken(token);
      if (!known) return sendError(res, 403, 'TokenExpired', 'unknown or expired token: start without one, or generate a new one');
      if (known.started) {
        res.send(200, conversationBody(known));
        return;
      }
      conversation = known;
    }
    await start(conversation, SERVICE_URL);
    res.send(201, conversationBody(conversation));
  });

  // Direct Line clients call this to resume a conversation they already have a token for.
  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (conversation) res.send(200, conversationBody(conversation));
  });

  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const query = WatermarkQuery.safeParse(req.query ?? {});
    if (!query.success) return sendError(res, 400, 'BadArgument', describeIssues(query.error));
    res.send(200, store.since(conversation.id, query.data.watermark));
  });

  server.post(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const posted = PostedActivity.safeParse(req.body);
    if (!posted.success) return sendError(res, 400, 'BadArgument', describeIssues(posted.error));
    const { from, ...fields } = posted.data;
    // The echo keeps the client's channelData (clientActivityID), so Web Chat marks the message sent.
    // The user id is the token's: a client that sends another is not refused (Web Chat sends the id
    // its page chose, which the server never accepted), it simply acts as the token's user.
    const incoming = {
      ...fields,
      channelId: WEBCHAT_CHANNEL_ID,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: conversation.user.id, name: from?.name ?? conversation.user.name, role: 'user' },
    };
    if (gate.full) {
      return sendError(res, 503, 'ServiceUnavailable', 'the bot is busy: try again shortly', { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) });
    }
    const bytes = activityBytes(incoming);
    if (bytes > maxActivityBytes) {
      return sendError(res, 413, 'PayloadTooLarge', `the activity must be at most ${maxActivityBytes} bytes as JSON`);
    }
    if (!store.makeRoom(conversation.id, bytes)) return sendFull(res, 'the local channel has no room for more activities now: try again later');
    const echo = store.append(conversation.id, incoming);
    if (!echo) return sendError(res, 404, 'BadArgument', 'the conversation ended');
    try {
      await store.inTurn(conversation.id, () => runAndRecord(echo, conversation, SERVICE_URL));
    } catch (error) {
      log.error('local Direct Line: a turn failed', { error: error instanceof Error ? error.message : String(error) });
      return sendError(res, 502, 'ServiceError', 'the bot could not process the activity');
    }
    res.send(200, { id: echo.id });
  });
}
