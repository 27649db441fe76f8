// The HTTP server: the Bot Framework messaging endpoint, health and readiness, the operator
// endpoints and, when configured, the local Direct Line channel.
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { FilingAdapter } from '../botframework/adapter.js';
import restify, { type Next, type Request, type Response } from 'restify';
import type { FilingBot } from '../botframework/bot.js';
import { localDirectLineEnabled, requiresAuthentication, type Config } from '../config.js';
import { DEFAULT_LIMITS } from '../channels/directline/conversation-store.js';
import { mountLocalChannel } from '../channels/directline/local-channel.js';
import { checkActivity } from './activity-shape.js';
import { bearerTokenProblem, verifyBotToken } from '../botframework/bot-authentication.js';
import { mountHealth, type ReadinessCheck } from './health.js';
import { jsonBody } from './json-body.js';
import { mountOperatorEndpoints, type OperatorQueries } from './operator-endpoints.js';
import { mountOperatorOrders, type OperatorOrdersParts } from './operator-orders.js';
import { mountOperatorPage } from './operator-page.js';
import { mountOperatorQuestions, type QuestionReports } from './operator-questions.js';
import { mountOperatorNotifications, type OperatorNotificationParts } from './operator-notifications.js';
import type { LocalProactiveOutlet } from '../channels/directline/proactive-outlet.js';
import { refuse } from './refuse.js';
import { TurnGate } from './turn-gate.js';
import { log } from '../log.js';

export { MAX_BODY_BYTES, MAX_BODY_DEPTH } from './json-body.js';
export { MAX_ACTIVITY_TEXT_CHARS } from './activity-shape.js';

const MESSAGES_PATH = '/api/messages';
/** What the gate answers when too many turns wait already. */
const BUSY = Symbol('busy');
const BUSY_RETRY_AFTER_SECONDS = 5;
const MESSAGES_ROUTE = 'messages';

export interface ServerParts {
  adapter: FilingAdapter;
  bot: FilingBot;
  /** What /api/ask and /api/recognize call. */
  queries: OperatorQueries;
  /** What the back office's unanswered questions and feedback read (the page and its API). */
  questions?: QuestionReports;
  version: string;
  /** What /readyz checks. */
  readiness: readonly ReadinessCheck[];
  /** What the back office's order routes (/api/operator/orders) and page (/operator) read and move. */
  backOffice: OperatorOrdersParts;
  /**
   * Decides the optional channel (the local Direct Line and Web Chat page), who may call the
   * operator endpoints, and whether requests to /api/messages must carry a Bot Framework token
   * before their body is looked at.
   */
  config: Config;
  /**
   * How those tokens are checked: the composition root gives the adapter's own, so the two never
   * disagree. The adapter checks them again: this check only makes sure nothing else is looked at
   * first. Required when `config` requires tokens.
   */
  authentication?: BotFrameworkAuthentication;
  /** What the back office's notification routes read (src/http/operator-notifications.ts). */
  notifications?: OperatorNotificationParts;
  /** Where notifications into the local Web Chat's conversations come in. */
  localOutlet?: LocalProactiveOutlet;
}

/**
 * How often Node checks the headers and request timeouts (30 s by default, which would let a
 * dripping request live that much past its timeout).
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The connection limits and timeouts from configuration. Idle keep-alive connections stay open
 * longer than the proxies and clients in front of us keep theirs (Node's 5 s default is shorter):
 * otherwise a client may reuse a socket the server is closing that very moment, and its request
 * fails with "socket hang up". A request's headers and its whole body must arrive within their
 * timeouts (then 408 and the connection closes), so a client dripping bytes cannot hold a
 * connection; the turn that follows is not limited by them.
 */
function limitConnections(http: restify.Server['server'], config: Config): void {
  http.maxConnections = config.HTTP_MAX_CONNECTIONS;
  http.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  http.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  http.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  // Restify builds the http.Server without options, and Node's types name this setting only as an
  // option; the server reads the property when it starts listening.
  Reflect.set(http, 'connectionsCheckingInterval', TIMEOUT_CHECK_INTERVAL_MS);
}

export function createServer(parts: ServerParts): restify.Server {
  const { config } = parts;
  const tokensRequired = requiresAuthentication(config);
  const authentication = tokensRequired ? parts.authentication : undefined;
  if (tokensRequired && !authentication) throw new Error('createServer: tokens are required, but no authentication was given to check them');
  const server = restify.createServer({ name: 'filing-assistant', handleUncaughtExceptions: false });
  const gate = new TurnGate(config.MAX_CONCURRENT_TURNS, config.MAX_WAITING_TURNS);
  limitConnections(server.server, config);
  server.use(restify.plugins.queryParser({ mapParams: false }));

  // With an Azure Bot configured, a message without a token is refused before its body is read.
  server.use((req: Request, res: Response, next: Next) => {
    if (!tokensRequired || req.getRoute()?.name !== MESSAGES_ROUTE) return next();
    if (bearerTokenProblem(req.header('authorization')) === undefined) return next();
    // Not logged: scanners send these all day. A token that is there but fails is logged below.
    refuse(res, 401, 'Unauthorized', 'a valid Bot Framework token is required', { 'www-authenticate': 'Bearer' });
    return next(false);
  });
  server.use(jsonBody());

  server.post({ path: MESSAGES_PATH, name: MESSAGES_ROUTE }, async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (authentication) {
      const verdict = await verifyBotToken(authentication, body, req.header('authorization'));
      if (!verdict.valid) {
        const fields = { reason: verdict.reason };
        if (verdict.expected) log.warn('refused a message whose Bot Framework token is not valid', fields);
        else log.error('could not check a Bot Framework token; refused the message', fields);
        refuse(res, 401, 'Unauthorized', 'a valid Bot Framework token is required', { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    const checked = checkActivity(body);
    if ('problem' in checked) {
      const { problem } = checked;
      refuse(res, problem.status, problem.status === 413 ? 'PayloadTooLarge' : 'BadRequest', problem.message);
      return;
    }
    const { activity } = checked;
    try {
      const result = await gate.run(() => parts.adapter.runActivity(req.header('authorization') ?? '', activity, (context) => parts.bot.run(context)), BUSY);
      if (result === BUSY) {
        // A channel delivers the message again later; the Emulator shows the refusal.
        refuse(res, 503, 'ServiceUnavailable', 'the bot is busy: try again shortly', { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) });
        return;
      }
      res.status(result?.status ?? 200);
      if (result?.body !== undefined) res.send(result.body);
      else res.end();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        refuse(res, 401, 'Unauthorized', 'a valid Bot Framework token is required', { 'www-authenticate': 'Bearer' });
        return;
      }
      // Turn failures are handled (and apologised for) inside the turn; this is the adapter itself.
      log.error('could not process an activity', { error: error instanceof Error ? error.message : String(error) });
      refuse(res, 500, 'Internal', 'the server could not handle this request');
    }
  });

  mountHealth(server, { version: parts.version, readiness: parts.readiness });
  mountOperatorEndpoints(server, parts.queries, config);
  mountOperatorOrders(server, parts.backOffice, config);
  mountOperatorPage(server);
  if (parts.questions) mountOperatorQuestions(server, parts.questions, config);
  if (parts.notifications) mountOperatorNotifications(server, parts.notifications, config);

  if (localDirectLineEnabled(config)) {
    mountLocalChannel(server, {
      adapter: parts.adapter,
      bot: parts.bot,
      appId: config.MicrosoftAppId,
      limits: {
        maxConversations: config.DIRECTLINE_MAX_CONVERSATIONS,
        maxActivities: DEFAULT_LIMITS.maxActivities,
        maxConversationBytes: config.DIRECTLINE_MAX_CONVERSATION_BYTES,
        maxTotalBytes: config.DIRECTLINE_MAX_TOTAL_BYTES,
        maxIdleMs: DEFAULT_LIMITS.maxIdleMs,
      },
      maxActivityBytes: config.DIRECTLINE_MAX_ACTIVITY_BYTES,
      gate,
      ...(parts.localOutlet ? { outlet: parts.localOutlet } : {}),
    });
  }

  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      log.error('request failed', { path: req.path(), error: error.message });
      // The error's own message is internal (a stack frame, a library's complaint): not for the caller.
      if (!res.headersSent) refuse(res, status, 'Internal', 'the server could not handle this request');
    }
    callback();
  });
  return server;
}
