// Removes conversation state nobody has touched for CONVERSATION_IDLE_DAYS: at start-up and then
// every few hours, in the background. A sweep looks at each state file's modification time (one
// stat a file, no parsing) and reads only the files old enough to go.
import { log } from '../log.js';
import type { LowdbStorage } from './lowdb-storage.js';

const DAY_MS = 24 * 60 * 60_000;
/** Often enough that state goes within hours of its time; rare enough to cost nothing to speak of. */
export const DEFAULT_SWEEP_INTERVAL_MS = 6 * 60 * 60_000;

export interface IdleExpiryOptions {
  /** State idle longer than this many days goes; 0 keeps state forever (no sweeps). */
  idleDays: number;
  intervalMs?: number;
  now?: () => number;
}

export interface IdleExpiry {
  /** One sweep now; resolves to how many conversations' state it removed. */
  sweep(): Promise<number>;
  stop(): void;
}

export function scheduleIdleExpiry(storage: LowdbStorage, options: IdleExpiryOptions): IdleExpiry {
  const now = options.now ?? Date.now;
  let running: Promise<number> | undefined;
  const sweep = (): Promise<number> => {
    // One sweep at a time: a slow disk must not pile them up.
    running ??= storage
      .expireIdle(now() - options.idleDays * DAY_MS)
      .then((removed) => {
        if (removed > 0) log.info('removed idle conversation state', { removed, idleDays: options.idleDays });
        return removed;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  if (options.idleDays === 0) return { sweep: async () => 0, stop: () => undefined };
  const background = (): void => {
    sweep().catch((error: unknown) => {
      log.error('idle conversation state could not be removed', { error: error instanceof Error ? error.message : String(error) });
    });
  };
  const timer = setInterval(background, options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  // The sweeps must not keep a stopping process alive.
  timer.unref();
  background();
  return { sweep, stop: () => clearInterval(timer) };
}
