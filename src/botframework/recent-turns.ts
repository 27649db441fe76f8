// Remembers the messages this process answered recently, with their replies, so a channel's retry
// of a message (same id) is answered like the first delivery instead of being run again.
import type { Activity } from 'botbuilder';

/** Retries come within seconds or minutes; this bounds the memory, oldest forgotten first. */
const REMEMBERED_TURNS = 5000;

export interface RecentTurn {
  /** Resolves when the first delivery's turn ends: true if it completed, false if it failed. */
  readonly done: Promise<boolean>;
  /** The messages the first delivery's turn sent. */
  readonly replies: Partial<Activity>[];
}

interface TrackedTurn extends RecentTurn {
  finish(completed: boolean): void;
}

export class RecentTurns {
  private readonly turns = new Map<string, TrackedTurn>();

  /** The earlier delivery of this message, if there was one that did not fail. */
  earlier(key: string): RecentTurn | undefined {
    return this.turns.get(key);
  }

  /** Starts remembering a message's turn; call finish() when it ends. */
  start(key: string): TrackedTurn {
    let finish: (completed: boolean) => void = () => undefined;
    const done = new Promise<boolean>((resolve) => {
      finish = resolve;
    });
    const turn: TrackedTurn = {
      done,
      replies: [],
      finish: (completed) => {
        // A failed turn is forgotten, so its retry runs for real.
        if (!completed) this.turns.delete(key);
        finish(completed);
      },
    };
    this.turns.set(key, turn);
    if (this.turns.size > REMEMBERED_TURNS) {
      const oldest = this.turns.keys().next().value;
      if (oldest !== undefined) this.turns.delete(oldest);
    }
    return turn;
  }
}
