// At most a few turns run at once; the others wait their turn in a bounded queue. A turn's work
// between two awaits holds the event loop, and many turns started together run those pieces back
// to back, so without a gate a burst of long messages keeps /healthz (and every other request)
// waiting for all of them; with one, for a few at most.
export class TurnGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  /** Whether a turn asked for now would be refused. */
  get full(): boolean {
    return this.running >= this.maxRunning && this.waiting.length >= this.maxWaiting;
  }

  /**
   * Runs `turn` once a place is free and resolves with its result; resolves with `full` without
   * running it when the queue is full, so the caller can refuse the request at once.
   */
  async run<T, F>(turn: () => Promise<T>, full: F): Promise<T | F> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) return full;
      // The place is handed over by the turn that leaves it, so `running` stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await turn();
    } finally {
      this.leave();
    }
  }

  private leave(): void {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.running -= 1;
      return;
    }
    // On the next turn of the event loop, not now: requests that arrived meanwhile (a health
    // check) are read before the next turn's first piece of work.
    setImmediate(next);
  }
}
