// The connector and user-token clients are built once per (app id, service URL, audience), reused
// by later turns, never shared across those keys, and built again after a failed creation.
import { expect } from 'chai';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
  type AuthenticateRequestResult,
  type UserTokenClient,
} from 'botframework-connector';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { UserTokenClientImpl } from 'botframework-connector/lib/auth/userTokenClientImpl.js';
import { ReusedConnectorsAuthentication } from '../../src/botframework/reused-connectors.js';

/** Builds a new client on every call and counts them, as the library's factory does. */
class CountingFactory extends ConnectorFactory {
  built = 0;
  failNext = false;

  override async create(serviceUrl: string): Promise<ConnectorClient> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('credentials unavailable (simulated)');
    }
    this.built += 1;
    return new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
  }
}

function identity(appId: string): ClaimsIdentity {
  return new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
}

describe('ReusedConnectorsAuthentication', () => {
  let factory: CountingFactory;
  let tokenClients: number;
  let reused: ReusedConnectorsAuthentication;

  beforeEach(() => {
    factory = new CountingFactory();
    tokenClients = 0;
    const inner = new ConfigurationBotFrameworkAuthentication({});
    inner.authenticateRequest = async (activity: Activity): Promise<AuthenticateRequestResult> => ({
      claimsIdentity: identity(activity.recipient.id),
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      connectorFactory: factory,
    });
    inner.createUserTokenClient = async (claims: ClaimsIdentity): Promise<UserTokenClient> => {
      tokenClients += 1;
      const appId = claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? '';
      return new UserTokenClientImpl(appId, MicrosoftAppCredentials.Empty, 'https://token.botframework.com');
    };
    reused = new ReusedConnectorsAuthentication(inner);
  });

  async function clientFor(appId: string, serviceUrl: string): Promise<ConnectorClient> {
    const activity: Activity = {
      type: 'message',
      serviceUrl,
      channelId: 'msteams',
      from: { id: 'user', name: 'User' },
      conversation: { id: 'conversation', name: '', isGroup: false, conversationType: 'personal' },
      recipient: { id: appId, name: 'Filing Assistant' },
      localTimezone: '',
      callerId: '',
      text: '',
      label: '',
      valueType: '',
      listenFor: [],
    };
    const result = await reused.authenticateRequest(activity, '');
    if (!result.connectorFactory) throw new Error('no connector factory');
    return result.connectorFactory.create(serviceUrl, result.audience);
  }

  it('reuses one client per app and service URL across turns, and never shares one between them', async () => {
    const first = await clientFor('app-1', 'https://smba.trafficmanager.net/emea/');
    const again = await clientFor('app-1', 'https://smba.trafficmanager.net/emea/');
    const otherUrl = await clientFor('app-1', 'https://smba.trafficmanager.net/amer/');
    const otherApp = await clientFor('app-2', 'https://smba.trafficmanager.net/emea/');
    expect(again).to.equal(first);
    expect(otherUrl).not.to.equal(first);
    expect(otherApp).not.to.equal(first);
    expect(factory.built).to.equal(3);
  });

  it('builds the client again after a failed creation instead of keeping the failure', async () => {
    factory.failNext = true;
    const failed = await clientFor('app-1', 'https://example.test/').catch((e: unknown) => e);
    expect(failed).to.be.instanceOf(Error);
    const client = await clientFor('app-1', 'https://example.test/');
    expect(client).to.be.instanceOf(ConnectorClient);
    expect(factory.built).to.equal(1);
  });

  it('reuses the user-token client per app id', async () => {
    const a = await reused.createUserTokenClient(identity('app-1'));
    const b = await reused.createUserTokenClient(identity('app-1'));
    const c = await reused.createUserTokenClient(identity('app-2'));
    expect(b).to.equal(a);
    expect(c).not.to.equal(a);
    expect(tokenClients).to.equal(2);
  });
});
