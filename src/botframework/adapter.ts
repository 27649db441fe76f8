// The Bot Framework adapter the server runs turns through, and what a failed turn tells the user.
import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type PrivateConversationState,
  type TurnContext,
} from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Config } from '../config.js';
import { createBotAuthentication } from './bot-authentication.js';
import { ReusedConnectorsAuthentication } from './reused-connectors.js';
import { log } from '../log.js';

export const TURN_ERROR_REPLY =
  'Sorry, something went wrong on my side while answering. Please send that again; we are still ' +
  'where we were. You can also say "help" or "start over".';
export const TURN_ERROR_AGAIN_REPLY =
  'Sorry, that went wrong again. I have started our conversation afresh (no order was changed): ' +
  'please tell me again what you would like to do, or say "help".';

/** A second failure in the same conversation within this time starts the conversation afresh. */
const REPEATED_FAILURE_MS = 10 * 60 * 1000;

/** The error that was thrown inside a dialog, not botbuilder's wrapper around it. */
function innermost(error: Error): Error {
  const inner: unknown = 'error' in error ? error.error : undefined;
  return inner instanceof Error ? innermost(inner) : error;
}

/**
 * Logs a failed turn and apologises. The turn's changes were not saved, so the conversation is
 * where it was before the message and sending it again continues; a conversation that fails twice
 * in a row is started afresh, so a state that breaks every turn cannot trap the user.
 */
export function handleTurnError(flowState: PrivateConversationState) {
  const lastFailure = new Map<string, number>();
  return async (context: TurnContext, error: Error): Promise<void> => {
    const cause = innermost(error);
    log.error('turn failed', {
      error: cause.message,
      stack: cause.stack,
      channel: context.activity.channelId,
      activityType: context.activity.type,
    });
    const conversation = context.activity.conversation?.id ?? '';
    const now = Date.now();
    const again = now - (lastFailure.get(conversation) ?? 0) < REPEATED_FAILURE_MS;
    lastFailure.delete(conversation);
    if (!again) lastFailure.set(conversation, now);
    if (lastFailure.size > 10_000) lastFailure.clear();
    try {
      await context.sendActivity(again ? TURN_ERROR_AGAIN_REPLY : TURN_ERROR_REPLY);
      if (again) await flowState.delete(context);
    } catch (secondary) {
      log.error('could not recover from a failed turn', {
        error: secondary instanceof Error ? secondary.message : String(secondary),
      });
    }
  };
}

/**
 * CloudAdapter with one more entry point: an activity the server has already parsed and checked.
 * CloudAdapter.process() would check the request body again with its own schema (zod 3, a few
 * percent of a turn) and answer its own errors with their internal messages.
 */
export class FilingAdapter extends CloudAdapter {
  constructor(authentication: BotFrameworkAuthentication) {
    super(new ReusedConnectorsAuthentication(authentication));
  }

  /**
   * Authenticates the request and runs one turn; resolves with what the HTTP response should say
   * (an invoke response, or the replies for deliveryMode expectReplies), or undefined for 200.
   * Throws AuthenticationError for a token that does not pass.
   */
  runActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(config: Config, flowState: PrivateConversationState): FilingAdapter {
  // The same authentication the server checks tokens with, so the two can never disagree.
  const adapter = new FilingAdapter(createBotAuthentication(config));
  adapter.onTurnError = handleTurnError(flowState);
  return adapter;
}
