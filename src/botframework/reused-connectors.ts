// Bot Framework authentication whose connector and user-token clients are built once and reused.
// The library builds both afresh for every turn (an HTTP pipeline, its policies and credentials
// each time: about a tenth of a turn's CPU), although they depend only on the bot's app id, the
// channel's service URL and the audience. The clients hold no per-turn state, and their
// credentials cache the bot's own token, so reusing them also saves token requests.
import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/**
 * Distinct (app, service URL, audience) triples kept. Real channels use a handful of service URLs;
 * without authentication a caller could name any, so the cache is bounded and simply starts again.
 */
const MAX_CLIENTS = 64;

/** A small map that empties itself when full: enough for a handful of long-lived keys. */
class BoundedCache<T> {
  private readonly items = new Map<string, T>();

  getOrCreate(key: string, create: () => T): T {
    const known = this.items.get(key);
    if (known !== undefined) return known;
    if (this.items.size >= MAX_CLIENTS) this.items.clear();
    const made = create();
    this.items.set(key, made);
    return made;
  }

  delete(key: string): void {
    this.items.delete(key);
  }
}

/**
 * The app id the library builds a turn's clients for (its getAppId: the token's audience, else its
 * appid claim), so two identities share clients only when the library would build the same ones.
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/**
 * A failed creation is forgotten, so the next turn tries again instead of inheriting the failure.
 */
function remembered<T>(cache: BoundedCache<Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const made = cache.getOrCreate(key, create);
  made.catch(() => cache.delete(key));
  return made;
}

class ReusedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: BoundedCache<Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId, serviceUrl, audience ?? '']);
    return remembered(this.clients, key, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * Bypass of botbuilder (checked on 4.23.3, see bypasses.ts): wraps the authentication CloudAdapter
 * is given and caches what its connector factory and createUserTokenClient build. Every other
 * method passes straight through, so a botbuilder upgrade that adds one must be mirrored here.
 */
export class ReusedConnectorsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<Promise<ConnectorClient>>();
  private readonly userTokenClients = new BoundedCache<Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    const { connectorFactory } = result;
    if (!connectorFactory) return result;
    return { ...result, connectorFactory: this.reusing(connectorFactory, result.claimsIdentity) };
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return remembered(this.userTokenClients, appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusedConnectorFactory(factory, appIdOf(claimsIdentity), this.connectors);
  }
}
