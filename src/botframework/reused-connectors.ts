// The connector clients the bot's replies go through: built once and reused, bounded in time, and
// only to the channel the reply belongs to. The library builds clients afresh for every turn (an
// HTTP pipeline, its policies and credentials each time: about a tenth of a turn's CPU), although
// they depend only on the bot's app id, the channel's service URL and the audience. The clients
// hold no per-turn state, and their credentials cache the bot's own token, so reusing them also
// saves token requests.
import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClientOptions,
  type UserTokenClient,
} from 'botframework-connector';

/** Where and how long the bot's replies may go. */
export interface OutboundLimits {
  /** One attempt to post a reply; a channel that takes longer is given up on (not retried). */
  attemptTimeoutMs: number;
  /** A whole send, retries and their waits (a channel's Retry-After included) together. */
  deadlineMs: number;
  /**
   * Whether the requests are authenticated (an Azure Bot is configured). Then a channel's token
   * names the service URL replies may go to; without one nothing vouches for an activity's
   * service URL, so replies go only to this machine and to `allowedOrigins`.
   */
  authenticated: boolean;
  /** Origins (`https://host:port`) replies may go to besides this machine, when not authenticated. */
  allowedOrigins: readonly string[];
}

/** Without configuration: replies only to this machine, 15 s an attempt, 30 s a send. */
export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  attemptTimeoutMs: 15_000,
  deadlineMs: 30_000,
  authenticated: false,
  allowedOrigins: [],
};

/** Loopback names and addresses: the Emulator listens on one of them. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether a reply may be posted to `serviceUrl`: the service URL the channel's token names, when
 * it names one; otherwise, without authentication, this machine or an allowed origin.
 */
export function serviceUrlAllowed(serviceUrl: string, limits: OutboundLimits, tokenServiceUrl?: string): boolean {
  if (!URL.canParse(serviceUrl)) return false;
  const url = new URL(serviceUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (tokenServiceUrl !== undefined && URL.canParse(tokenServiceUrl)) return sameServiceUrl(url, new URL(tokenServiceUrl));
  if (limits.authenticated) return true;
  return LOOPBACK.test(url.hostname) || limits.allowedOrigins.includes(url.origin);
}

/** The same service URL, whether or not one of them ends in a slash. */
function sameServiceUrl(a: URL, b: URL): boolean {
  const path = (url: URL) => url.pathname.replace(/\/+$/, '');
  return a.origin === b.origin && path(a) === path(b);
}

type PolicyFactories = NonNullable<ConnectorClientOptions['requestPolicyFactories']>;
type RequestPolicyFactory = Extract<PolicyFactories, readonly unknown[]>[number];
type RequestPolicy = ReturnType<RequestPolicyFactory['create']>;
type OutgoingRequest = Parameters<RequestPolicy['sendRequest']>[0];

/**
 * A policy around the Azure pipeline's own retries (up to three, with exponential backoff, for
 * connection errors, 408 and 5xx, and for 429 and 503 after their Retry-After): every attempt
 * gets a timeout, the whole send a deadline that also cuts a long Retry-After short, and a request
 * to a URL that is not allowed fails before it is sent.
 */
function boundedSend(limits: OutboundLimits, allowed: boolean): RequestPolicyFactory {
  return {
    create: (next) => ({
      sendRequest: async (request: OutgoingRequest) => {
        if (!allowed) throw new Error('the reply was not sent: its service URL is not one this bot may post to');
        request.timeout = limits.attemptTimeoutMs;
        const deadline = AbortSignal.timeout(limits.deadlineMs);
        const given = request.abortSignal;
        request.abortSignal = given instanceof AbortSignal ? AbortSignal.any([given, deadline]) : deadline;
        return next.sendRequest(request);
      },
    }),
  };
}

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
    private readonly claimsIdentity: ClaimsIdentity,
    private readonly clients: BoundedCache<Promise<ConnectorClient>>,
    private readonly limits: OutboundLimits,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const tokenServiceUrl = this.claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim) ?? undefined;
    const key = JSON.stringify([appIdOf(this.claimsIdentity), serviceUrl, audience ?? '', tokenServiceUrl ?? '']);
    return remembered(this.clients, key, async () => {
      const client = await this.inner.create(serviceUrl, audience);
      // Bypass of botbuilder (checked on 4.23.3): the library's factory takes pipeline options only
      // when the whole authentication is built, so the client is built again around the
      // credentials it made (the same app id, audience and login endpoint), with the bounded send
      // in its pipeline.
      // Judged here, not refused here: a turn with deliveryMode expectReplies builds a client too,
      // and never sends through it.
      const allowed = serviceUrlAllowed(serviceUrl, this.limits, tokenServiceUrl);
      return new ConnectorClient(client.credentials, {
        baseUri: serviceUrl,
        requestPolicyFactories: [boundedSend(this.limits, allowed)],
      });
    });
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

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly limits: OutboundLimits = DEFAULT_OUTBOUND_LIMITS,
  ) {
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
    return new ReusedConnectorFactory(factory, claimsIdentity, this.connectors, this.limits);
  }
}
