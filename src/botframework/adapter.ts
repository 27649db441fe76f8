// The Bot Framework adapter the server runs turns through, and what a failed turn tells the user.
import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type PrivateConversationState,
  type TurnContext,
} from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { localeOf } from '../../dialogs/locale.js';
import type { Catalogue } from '../knowledge/catalogue.js';
import { DEFAULT_OUTBOUND_LIMITS, ReusedConnectorsAuthentication, type OutboundLimits } from './reused-connectors.js';
import { log } from '../log.js';

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
export function handleTurnError(flowState: PrivateConversationState, catalogue: Catalogue) {
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
      await context.sendActivity(catalogue.text(localeOf(context), again ? 'edge.turnFailedAgain' : 'edge.turnFailed'));
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
 *
 * Bypass of botbuilder (checked on 4.23.3, see bypasses.ts): CloudAdapter.process() reads the
 * restify request itself, checks the body again with its own schema (zod 3, a few percent of a
 * turn) and answers its own errors with their internal messages. runActivity calls the protected
 * processActivity(authHeader, activity, logic) that process() ends in, so authentication, the
 * turn and the invoke/expectReplies response are still the library's own.
 */
export class FilingAdapter extends CloudAdapter {
  /** `outbound` bounds the replies the bot posts to channels: where to, and for how long. */
  constructor(authentication: BotFrameworkAuthentication, outbound: OutboundLimits = DEFAULT_OUTBOUND_LIMITS) {
    super(new ReusedConnectorsAuthentication(authentication, outbound));
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

/**
 * The adapter for `authentication` (the same the server checks tokens with, so the two can never
 * disagree), which apologises for a failed turn.
 */
export function createAdapter(
  authentication: BotFrameworkAuthentication,
  onTurnError: (context: TurnContext, error: Error) => Promise<void>,
  outbound: OutboundLimits = DEFAULT_OUTBOUND_LIMITS,
): FilingAdapter {
  const adapter = new FilingAdapter(authentication, outbound);
  adapter.onTurnError = onTurnError;
  return adapter;
}
