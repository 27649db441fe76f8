// Runs one activity of the local channel through the same CloudAdapter and bot as /api/messages,
// in process, and returns what the bot sent (deliveryMode expectReplies: nothing goes over HTTP).
import { DeliveryModes, type Activity, type CloudAdapter, type TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
  type AuthenticateRequestResult,
} from 'botframework-connector';

export type RunTurn = (activity: Activity) => Promise<Partial<Activity>[]>;

export interface TurnLogic {
  run(context: TurnContext): Promise<void>;
}

/**
 * Replies are returned to the channel, never posted, so the connector is never called; the adapter
 * still wants one. It points at the local Direct Line and carries no credentials.
 */
class LocalConnectorFactory extends ConnectorFactory {
  override async create(serviceUrl: string): Promise<ConnectorClient> {
    return new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
  }
}

/**
 * The request did not come from Azure Bot Service, so there is no token to check: the channel is
 * this process. With an app id configured the identity names it, as the adapter's token client needs.
 */
function localAuthentication(appId: string | undefined): AuthenticateRequestResult {
  const claimsIdentity = appId
    ? new ClaimsIdentity(
        [
          { type: AuthenticationConstants.AudienceClaim, value: appId },
          { type: AuthenticationConstants.AppIdClaim, value: appId },
          { type: AuthenticationConstants.VersionClaim, value: '1.0' },
        ],
        true,
      )
    : new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType);
  return {
    audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
    claimsIdentity,
    connectorFactory: new LocalConnectorFactory(),
  };
}

export function createTurnRunner(adapter: CloudAdapter, bot: TurnLogic, appId: string | undefined): RunTurn {
  const authentication = localAuthentication(appId);
  return async (activity) => {
    const replies: Partial<Activity>[] = [];
    await adapter.processActivityDirect(
      authentication,
      { ...activity, deliveryMode: DeliveryModes.ExpectReplies },
      async (context) => {
        // A hook, not the buffered replies after the turn: it also sees what onTurnError sends.
        context.onSendActivities(async (_context, activities, next) => {
          replies.push(...activities.map((sent) => ({ ...sent })));
          return next();
        });
        await bot.run(context);
      },
    );
    return replies;
  };
}
