// The edge's limits in the configuration: sensible defaults, values checked at start-up with one
// line naming the variable, and limits that contradict each other refused.
import { expect } from 'chai';
import { ConfigError, outboundLimits, parseConfig } from '../../src/config.js';

const refusal = (env: Record<string, string>): string => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
};

describe('the edge limits in the configuration', () => {
  it('has defaults that bound memory, connections and time', () => {
    const config = parseConfig({});
    expect(config.DIRECTLINE_MAX_ACTIVITY_BYTES).to.equal(64 * 1024);
    expect(config.DIRECTLINE_MAX_TOTAL_BYTES).to.be.at.most(64 * 1024 * 1024);
    expect(config.HTTP_REQUEST_TIMEOUT_MS, 'a dripping request is cut off well before 150 s').to.be.at.most(30_000);
    expect(config.HTTP_HEADERS_TIMEOUT_MS).to.be.at.most(config.HTTP_REQUEST_TIMEOUT_MS);
    expect(config.HTTP_MAX_CONNECTIONS).to.be.within(64, 10_000);
    expect(config.OUTBOUND_TIMEOUT_MS).to.be.at.most(config.OUTBOUND_DEADLINE_MS);
    expect(config.MAX_CONCURRENT_TURNS).to.be.within(1, 16);
  });

  it('allows replies only to this machine without an Azure Bot, unless ALLOWED_SERVICE_URLS adds origins', () => {
    expect(outboundLimits(parseConfig({}))).to.deep.include({ authenticated: false, allowedOrigins: [] });
    const config = parseConfig({ ALLOWED_SERVICE_URLS: ' https://bots.example.org/api , http://10.0.0.5:8080 ' });
    expect(config.ALLOWED_SERVICE_URLS).to.deep.equal(['https://bots.example.org', 'http://10.0.0.5:8080']);
    expect(outboundLimits(parseConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' })).authenticated).to.equal(true);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a connection limit that is not a number', { HTTP_MAX_CONNECTIONS: 'many' }, /^Invalid configuration: HTTP_MAX_CONNECTIONS must be a whole number from 1 to 100000 \(got "many"\)$/],
    ['a request timeout of a few milliseconds', { HTTP_REQUEST_TIMEOUT_MS: '5' }, /^Invalid configuration: HTTP_REQUEST_TIMEOUT_MS must be a whole number from 1000/],
    ['a headers timeout longer than the request timeout', { HTTP_HEADERS_TIMEOUT_MS: '40000' }, /HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS/],
    ['an activity larger than a conversation may hold', { DIRECTLINE_MAX_ACTIVITY_BYTES: '262144', DIRECTLINE_MAX_CONVERSATION_BYTES: '131072' }, /DIRECTLINE_MAX_ACTIVITY_BYTES must not exceed/],
    ['an attempt longer than the whole send', { OUTBOUND_TIMEOUT_MS: '20000', OUTBOUND_DEADLINE_MS: '10000' }, /OUTBOUND_TIMEOUT_MS must not exceed OUTBOUND_DEADLINE_MS/],
    ['a service URL that is not an http(s) origin', { ALLOWED_SERVICE_URLS: 'https://ok.example, ftp://files.example' }, /ALLOWED_SERVICE_URLS must be http\(s\) origins separated by commas \("ftp:\/\/files.example" is not one\)/],
  ];
  for (const [name, env, expected] of bad) {
    it(`refuses ${name} in one line naming the variable`, () => {
      expect(refusal(env)).to.match(expected);
    });
  }
});
