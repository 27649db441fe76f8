// A bare Bot Framework echo bot (CloudAdapter on restify, no state, no dialogs): the benchmark's
// baseline for what the framework and HTTP cost on their own.
//
//   npx tsx bench/echo-bot.ts [port]      (or PORT=...; HOST defaults to 127.0.0.1)
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';

/** The same body limit as the Filing Assistant's server, so both parse requests alike. */
const MAX_BODY_BYTES = 256 * 1024;

function portFrom(value: string | undefined): number {
  const port = Number(value ?? '3979');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0 to 65535, got "${value}"`);
  return port;
}

const port = portFrom(process.argv[2] ?? process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

// No app id: the adapter accepts unauthenticated requests, as the Filing Assistant does locally.
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`echo bot turn failed: ${error.message}\n`);
  await context.sendActivity('echo bot error');
};

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(context.activity.text ?? '');
  });
});

server.listen(port, host, () => {
  const address = server.address();
  process.stdout.write(`echo bot listening on http://${host}:${address.port}/api/messages\n`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
