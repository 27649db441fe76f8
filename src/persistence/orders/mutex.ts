// An in-process lock: callers run one at a time, in the order they asked.
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(critical: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(() => critical());
    // A failed section must not stop the ones queued behind it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
