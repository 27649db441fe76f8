// With MicrosoftAppId configured, /api/messages takes only requests with a valid Bot Framework
// token: anything else gets 401 before the body's shape is looked at, and never reaches the bot.
import { mock } from 'node:test';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { expect } from 'chai';
import {
  APP_ID,
  APP_PASSWORD,
  ExpectedReplies,
  message,
  postJson,
  PRODUCTION_ENV,
  RefusalBody,
  serveJson,
  startChannel,
  startServer,
  type Listening,
  type TestServer,
} from './support.js';
import {
  channelClaims,
  CHANNEL_ISSUER,
  jwk,
  newSigningKey,
  publicKeyPem,
  signedHs256,
  signedRs256,
  unsigned,
} from './tokens.js';

/** Sends `body` with `authorization` and expects 401 with nothing run, stored or posted. */
async function expectRefused(server: TestServer, channel: { posts: () => number }, body: unknown, authorization?: string): Promise<void> {
  const before = { turns: server.turns(), stateFiles: server.stateFiles(), posts: channel.posts() };
  const response = await postJson(`${server.url}/api/messages`, body, authorization === undefined ? {} : { authorization });
  expect(response.status).to.equal(401);
  expect(RefusalBody.parse(await response.json()).code).to.equal('Unauthorized');
  expect(server.turns(), 'turns that reached the bot').to.equal(before.turns);
  expect(server.stateFiles(), 'conversation state files').to.equal(before.stateFiles);
  expect(channel.posts(), 'replies posted to the channel').to.equal(before.posts);
}

describe('Bot Framework tokens on /api/messages', () => {
  // The Bot Framework libraries print every refused token with its stack; expected here.
  let quiet: ReturnType<typeof mock.method> | undefined;
  beforeEach(() => {
    quiet = mock.method(console, 'error', () => undefined);
  });
  afterEach(() => quiet?.mock.restore());

  describe('in production configuration, before any signing key is consulted', () => {
    let server: TestServer;
    let channel: Listening & { posts: () => number };

    before(async () => {
      server = await startServer({ env: PRODUCTION_ENV });
      channel = await startChannel();
    });

    after(async () => {
      await server?.close();
      await channel?.close();
    });

    /** A message in normal delivery: had it run, its replies would be posted to the channel. */
    const activity = () => message({ serviceUrl: channel.url, deliveryMode: undefined, channelId: 'msteams' });

    it('refuses a message without an Authorization header with 401 and runs no turn', () => expectRefused(server, channel, activity()));

    it('refuses an unsigned token (alg "none") with plausible claims', () =>
      expectRefused(server, channel, activity(), `Bearer ${unsigned(channelClaims(channel.url))}`));

    it('refuses a forged HS256 token with plausible claims', () =>
      expectRefused(server, channel, activity(), `Bearer ${signedHs256('guessed-secret', channelClaims(channel.url))}`));

    const malformed: { name: string; header: string }[] = [
      { name: 'a bearer token that is no JWT', header: 'Bearer abc.def.ghi' },
      { name: 'Basic credentials', header: `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}` },
      { name: 'an empty bearer token', header: 'Bearer ' },
      { name: 'the app password as the token', header: `Bearer ${APP_PASSWORD}` },
    ];
    for (const { name, header } of malformed) {
      it(`refuses ${name}`, () => expectRefused(server, channel, activity(), header));
    }

    it('answers 401, not 400, to an unauthenticated body that is not an activity: its shape is not looked at first', async () => {
      await expectRefused(server, channel, { text: 42 });
      await expectRefused(server, channel, '{"type": "message", "text": "hel');
      await expectRefused(server, channel, { ...activity(), text: 'a'.repeat(10_000) });
    });
  });

  describe('checked against the published signing keys', () => {
    const key = newSigningKey();
    let metadata: Listening;
    let server: TestServer;
    let channel: Listening & { posts: () => number };

    before(async () => {
      metadata = await serveJson((base) => ({
        '/openid': { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys` },
        '/keys': { keys: [jwk(key)] },
      }));
      // The public cloud's settings, except that the signing keys come from the local endpoint.
      const authentication = new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: APP_PASSWORD,
        ValidateAuthority: true,
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        ToBotFromChannelOpenIdMetadataUrl: `${metadata.url}/openid`,
        ToBotFromEmulatorOpenIdMetadataUrl: `${metadata.url}/openid`,
        CallerId: CallerIdConstants.PublicAzureChannel,
      });
      server = await startServer({ env: PRODUCTION_ENV, authentication });
      channel = await startChannel();
    });

    after(async () => {
      await server?.close();
      await channel?.close();
      await metadata?.close();
    });

    const activity = (fields: Record<string, unknown> = {}) => message({ serviceUrl: channel.url, channelId: 'msteams', ...fields });

    it('accepts a token signed with a published key and answers the message (the check is not simply closed)', async () => {
      const token = signedRs256(key, channelClaims(channel.url));
      const response = await postJson(`${server.url}/api/messages`, activity(), { authorization: `Bearer ${token}` });
      expect(response.status).to.equal(200);
      const { activities } = ExpectedReplies.parse(await response.json());
      expect(activities.map((a) => a.type)).to.include('message');
      expect(server.turns()).to.equal(1);
    });

    const forged: { name: string; token: () => string }[] = [
      { name: 'an unsigned token (alg "none") naming the published key', token: () => unsigned(channelClaims(channel.url)) },
      {
        name: "an HS256 token keyed with the bot's public key (algorithm confusion)",
        token: () => signedHs256(publicKeyPem(key), channelClaims(channel.url)),
      },
      { name: 'a token signed by another key under the published key id', token: () => signedRs256(newSigningKey(), channelClaims(channel.url)) },
      { name: 'a token for another bot', token: () => signedRs256(key, channelClaims(channel.url, { aud: '00000000-0000-0000-0000-0000000000ff' })) },
      { name: 'a token from another issuer', token: () => signedRs256(key, channelClaims(channel.url, { iss: 'https://issuer.example' })) },
      {
        name: 'an expired token',
        token: () => signedRs256(key, channelClaims(channel.url, { nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })),
      },
      { name: 'a token for another service URL', token: () => signedRs256(key, channelClaims('https://smba.example/elsewhere/')) },
      { name: 'a token naming a key that is not published', token: () => signedRs256(key, channelClaims(channel.url), 'unpublished-key') },
    ];
    for (const { name, token } of forged) {
      it(`refuses ${name} with 401 and runs no turn`, () => expectRefused(server, channel, activity({ deliveryMode: undefined }), `Bearer ${token()}`));
    }
  });
});
