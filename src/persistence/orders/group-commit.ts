// Writes the whole store once for many changes: changes made while a write runs share the next one.
// Rewriting a large file per change would make every order slower as the store grows.

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newBatch(): Batch {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Waiters see the rejection; this only keeps a batch nobody awaits from crashing the process.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class GroupCommit {
  private next: Batch | undefined;
  private writing: Batch | undefined;
  private running = false;

  /**
   * @param write writes the current state in full.
   * @param recover runs after a failed write, before any further write; it should call
   *   abandonPending() and bring the state back to what is on disk.
   */
  constructor(
    private readonly write: () => Promise<void>,
    private readonly recover: (error: unknown) => Promise<void>,
  ) {}

  /** Call after changing the state: settles once a write that includes the change has finished. */
  request(): Promise<void> {
    const batch = (this.next ??= newBatch());
    // run() takes the batch synchronously, so hold on to it first.
    if (!this.running) void this.run();
    return batch.promise;
  }

  /** Settles once everything changed so far is written, or rejects if that write failed. */
  settled(): Promise<void> {
    return (this.next ?? this.writing)?.promise ?? Promise.resolve();
  }

  /** Fails the changes that wait for the next write: after a failed write they can no longer be trusted. */
  abandonPending(error: unknown): void {
    this.next?.reject(error);
    this.next = undefined;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.next) {
        const batch = this.next;
        this.next = undefined;
        this.writing = batch;
        try {
          await this.write();
          batch.resolve();
        } catch (error) {
          batch.reject(error);
          await this.recover(error).catch(() => undefined);
        } finally {
          this.writing = undefined;
        }
      }
    } finally {
      this.running = false;
    }
  }
}
