// GET /healthz (liveness: the process answers) and GET /readyz (readiness: what a turn needs works).
import type { Request, Response, Server } from 'restify';

/** One thing a turn needs, checked now: fine, or why not (a sentence with no path or secret in it). */
export type CheckResult = { ok: true; [fact: string]: string | number | boolean } | { ok: false; reason: string };

export interface ReadinessCheck {
  /** What is checked, as the /readyz body names it: "knowledge", "conversations", "orders". */
  readonly name: string;
  check(): Promise<CheckResult>;
}

export interface HealthParts {
  version: string;
  readiness: readonly ReadinessCheck[];
}

/** A check that throws has failed; its error is for the log, not for whoever asks. */
async function run(check: ReadinessCheck): Promise<CheckResult> {
  try {
    return await check.check();
  } catch {
    return { ok: false, reason: 'the check itself failed' };
  }
}

/**
 * /healthz answers 200 while the process can answer at all: an orchestrator restarts it otherwise.
 * /readyz answers 200 only while every check passes, else 503 naming the checks that failed and
 * why: an orchestrator stops sending traffic until it recovers, without restarting the process.
 */
export function mountHealth(server: Server, parts: HealthParts): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok', version: parts.version }, { 'cache-control': 'no-store' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const results = await Promise.all(parts.readiness.map(async (check) => [check.name, await run(check)] as const));
    const ready = results.every(([, result]) => result.ok);
    res.send(
      ready ? 200 : 503,
      { status: ready ? 'ready' : 'not ready', version: parts.version, checks: Object.fromEntries(results) },
      { 'cache-control': 'no-store' },
    );
  });
}
