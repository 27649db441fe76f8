// What production configuration exposes: the local Direct Line and the Web Chat page only when
// switched on, the operator endpoints only with their token, and a /healthz that tells nothing secret.
import { expect } from 'chai';
import { z } from 'zod';
import { ConfigError, parseConfig } from '../../src/config.js';
import { PRODUCTION_ENV, RefusalBody, startServer, statusOf, type TestServer } from './support.js';

const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789';
const QUESTION = encodeURIComponent('how long does the cancellation review take?');

/** Every endpoint of the local development channel, as a browser or a Direct Line client calls it. */
function localChannelRequests(url: string): { name: string; send: () => Promise<Response> }[] {
  const directLine = `${url}/v3/directline`;
  const json = { 'content-type': 'application/json' };
  return [
    { name: 'GET /', send: () => fetch(`${url}/`) },
    { name: 'GET /webchat.js', send: () => fetch(`${url}/webchat.js`) },
    { name: 'POST /v3/directline/conversations', send: () => fetch(`${directLine}/conversations`, { method: 'POST', headers: json, body: '{}' }) },
    { name: 'POST /v3/directline/tokens/generate', send: () => fetch(`${directLine}/tokens/generate`, { method: 'POST', headers: json, body: '{}' }) },
    { name: 'POST /v3/directline/tokens/refresh', send: () => fetch(`${directLine}/tokens/refresh`, { method: 'POST', headers: { authorization: 'Bearer x' } }) },
    { name: 'GET /v3/directline/conversations/:id', send: () => fetch(`${directLine}/conversations/local-x`, { headers: { authorization: 'Bearer x' } }) },
    { name: 'GET /v3/directline/conversations/:id/activities', send: () => fetch(`${directLine}/conversations/local-x/activities?watermark=0`) },
    {
      name: 'POST /v3/directline/conversations/:id/activities',
      send: () => fetch(`${directLine}/conversations/local-x/activities`, { method: 'POST', headers: json, body: '{"type":"message","text":"hi"}' }),
    },
    { name: 'OPTIONS /v3/directline/conversations', send: () => fetch(`${directLine}/conversations`, { method: 'OPTIONS' }) },
  ];
}

describe('what production configuration exposes', () => {
  describe('the local Direct Line and the Web Chat page', () => {
    describe('with an Azure Bot configured and LOCAL_DIRECTLINE unset (auto)', () => {
      let server: TestServer;
      before(async () => {
        server = await startServer({ env: PRODUCTION_ENV });
      });
      after(() => server?.close());

      it('has none of their endpoints: each answers 404, without CORS headers', async () => {
        for (const { name, send } of localChannelRequests(server.url)) {
          const response = await send();
          await response.arrayBuffer();
          expect(response.status, name).to.equal(404);
          expect(response.headers.get('access-control-allow-origin'), name).to.equal(null);
        }
        expect(server.turns()).to.equal(0);
      });
    });

    describe('with an Azure Bot configured and LOCAL_DIRECTLINE=on', () => {
      let server: TestServer;
      before(async () => {
        server = await startServer({ env: { ...PRODUCTION_ENV, LOCAL_DIRECTLINE: 'on' } });
      });
      after(() => server?.close());

      it('serves the page and runs a conversation, because it was switched on explicitly', async () => {
        expect(await statusOf(fetch(`${server.url}/`))).to.equal(200);
        const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' });
        expect(started.status).to.equal(201);
        const { conversationId, token } = z.object({ conversationId: z.string(), token: z.string() }).parse(await started.json());
        const polled = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(polled.status).to.equal(200);
        const { activities } = z.object({ activities: z.array(z.looseObject({ text: z.string().optional() })) }).parse(await polled.json());
        expect(activities.map((a) => a.text ?? '').join('\n')).to.include("I'm Filing Assistant");
      });
    });

    describe('in local configuration with LOCAL_DIRECTLINE=off', () => {
      let server: TestServer;
      before(async () => {
        server = await startServer({ env: { LOCAL_DIRECTLINE: 'off' } });
      });
      after(() => server?.close());

      it('has none of their endpoints either', async () => {
        for (const { name, send } of localChannelRequests(server.url)) {
          expect(await statusOf(send()), name).to.equal(404);
        }
      });
    });
  });

  describe('the operator endpoints /api/ask and /api/recognize', () => {
    const paths = ['/api/ask', '/api/recognize'];

    describe('in local configuration without OPERATOR_TOKEN', () => {
      let server: TestServer;
      before(async () => {
        server = await startServer();
      });
      after(() => server?.close());

      for (const path of paths) {
        it(`answers ${path} without a token, as a developer expects`, async () => {
          expect(await statusOf(fetch(`${server.url}${path}?q=${QUESTION}`))).to.equal(200);
        });
      }
    });

    describe('in production configuration without OPERATOR_TOKEN', () => {
      let server: TestServer;
      before(async () => {
        server = await startServer({ env: PRODUCTION_ENV });
      });
      after(() => server?.close());

      for (const path of paths) {
        it(`has no ${path}: 404, with or without a bearer token`, async () => {
          expect(await statusOf(fetch(`${server.url}${path}?q=${QUESTION}`))).to.equal(404);
          expect(await statusOf(fetch(`${server.url}${path}?q=${QUESTION}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } }))).to.equal(404);
        });
      }
    });

    for (const [setting, env] of [
      ['production', PRODUCTION_ENV],
      ['local', {}],
    ] as const) {
      describe(`in ${setting} configuration with OPERATOR_TOKEN set`, () => {
        let server: TestServer;
        before(async () => {
          server = await startServer({ env: { ...env, OPERATOR_TOKEN } });
        });
        after(() => server?.close());

        const refused: { name: string; headers: Record<string, string> }[] = [
          { name: 'no Authorization header', headers: {} },
          { name: 'a wrong token', headers: { authorization: 'Bearer not-the-operator-token-at-all-000' } },
          { name: 'a wrong token of the same length', headers: { authorization: `Bearer ${'x'.repeat(OPERATOR_TOKEN.length)}` } },
          { name: 'the token with a character more', headers: { authorization: `Bearer ${OPERATOR_TOKEN}x` } },
          { name: 'the token missing its last character', headers: { authorization: `Bearer ${OPERATOR_TOKEN.slice(0, -1)}` } },
          { name: 'the token as Basic credentials', headers: { authorization: `Basic ${OPERATOR_TOKEN}` } },
          { name: 'the token without a scheme', headers: { authorization: OPERATOR_TOKEN } },
        ];
        for (const path of paths) {
          for (const { name, headers } of refused) {
            it(`refuses ${path} with ${name} with 401`, async () => {
              const response = await fetch(`${server.url}${path}?q=${QUESTION}`, { headers });
              expect(response.status).to.equal(401);
              expect(response.headers.get('www-authenticate')).to.equal('Bearer');
              expect(RefusalBody.parse(await response.json()).code).to.equal('Unauthorized');
            });
          }

          it(`refuses ${path} without the token before it looks at the query`, async () => {
            expect(await statusOf(fetch(`${server.url}${path}`))).to.equal(401);
          });

          it(`answers ${path} with the token`, async () => {
            const response = await fetch(`${server.url}${path}?q=${QUESTION}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
            expect(response.status).to.equal(200);
            await response.arrayBuffer();
          });
        }
      });
    }
  });

  // /healthz used to report storage and knowledge as constants; it is liveness now, and /readyz
  // reports the real state. Both stay open in production, and neither tells a path or a secret.
  describe('/healthz and /readyz', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer({ env: { ...PRODUCTION_ENV, OPERATOR_TOKEN } });
    });
    after(() => server?.close());

    const Check = z.union([
      z.strictObject({ ok: z.literal(true) }).catchall(z.union([z.string(), z.number(), z.boolean()])),
      z.strictObject({ ok: z.literal(false), reason: z.string() }),
    ]);
    const bodies = {
      '/healthz': z.strictObject({ status: z.literal('ok'), version: z.string() }),
      '/readyz': z.strictObject({
        status: z.literal('ready'),
        version: z.string(),
        checks: z.strictObject({ knowledge: Check, conversations: Check, orders: Check }),
      }),
    };
    for (const [path, body] of Object.entries(bodies)) {
      it(`keeps ${path} open in production, telling only its status, version and checks`, async () => {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status).to.equal(200);
        const text = await response.text();
        body.parse(JSON.parse(text));
        const secrets = [PRODUCTION_ENV.MicrosoftAppPassword ?? '', PRODUCTION_ENV.MicrosoftAppId ?? '', OPERATOR_TOKEN, server.dataDir, server.config.KNOWLEDGE_DIR];
        for (const secret of secrets) expect(text).not.to.include(secret);
        const headers = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
        for (const secret of secrets) expect(headers).not.to.include(secret);
      });
    }
  });

  describe('OPERATOR_TOKEN in the configuration', () => {
    it('is optional', () => {
      expect(parseConfig({}).OPERATOR_TOKEN).to.equal(undefined);
      expect(parseConfig({ OPERATOR_TOKEN: '' }).OPERATOR_TOKEN).to.equal(undefined);
    });

    it('takes a token of 24 characters or more', () => {
      expect(parseConfig({ OPERATOR_TOKEN: 'a'.repeat(24) }).OPERATOR_TOKEN).to.equal('a'.repeat(24));
    });

    for (const [name, value] of [
      ['shorter than 24 characters', 'short-but-secret-value'],
      ['with a space in it', 'operator token with spaces in it'],
    ]) {
      it(`refuses a token ${name} in one line naming OPERATOR_TOKEN, without echoing it`, () => {
        let error: unknown;
        try {
          parseConfig({ OPERATOR_TOKEN: value });
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(ConfigError);
        const text = error instanceof Error ? error.message : '';
        expect(text).to.match(/^Invalid configuration: OPERATOR_TOKEN must be at least 24 characters/);
        expect(text).not.to.include(value);
      });
    }
  });
});
