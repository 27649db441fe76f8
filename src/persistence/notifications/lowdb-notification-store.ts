// Notification deliveries, the moment notifying began and reminder choices in one JSON file under
// DATA_DIR/notifications, rewritten atomically and durably after every change. One process holds
// DATA_DIR (data-dir-lock.ts), so a mutex around each change is the whole of the claim's exclusion.
import { join } from 'node:path';
import { z } from 'zod';
import { DeliveryRecord, type DueNotification } from '../../domain/notifications/notification.js';
import type { AttemptOutcome, Claim, NotificationStore } from '../../domain/notifications/notification-store.js';
import type { Requester } from '../../domain/orders/order.js';
import { writeFileAtomically } from '../atomic-file.js';
import { errorCode, nodeFileSystem, type FileSystem } from '../file-system.js';
import { Mutex } from '../orders/mutex.js';

/** The folder under DATA_DIR, and the one file in it. */
export const NOTIFICATIONS_DIR = 'notifications';
const FILE_NAME = 'notifications.json';

const StoredDelivery = DeliveryRecord.extend({
  createdAt: z.iso.datetime(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.iso.datetime().optional(),
});
type StoredDelivery = z.infer<typeof StoredDelivery>;

const ReminderChoice = z.strictObject({ channelId: z.string(), userId: z.string(), on: z.boolean(), at: z.iso.datetime() });

const NotificationsFile = z.strictObject({
  notifyingSince: z.iso.datetime().optional(),
  deliveries: z.record(z.string(), StoredDelivery),
  reminders: z.record(z.string(), ReminderChoice),
});
export type NotificationsFile = z.infer<typeof NotificationsFile>;

function requesterKey(requester: Requester): string {
  return JSON.stringify([requester.channelId, requester.userId]);
}

/** A record as the port returns it: without the lease and bookkeeping fields. */
function publicRecord(stored: StoredDelivery): DeliveryRecord {
  return {
    key: stored.key,
    orderId: stored.orderId,
    kind: stored.kind,
    status: stored.status,
    attempts: stored.attempts.map((a) => ({ ...a })),
    ...(stored.nextAttemptAt === undefined ? {} : { nextAttemptAt: stored.nextAttemptAt }),
  };
}

export class LowdbNotificationStore implements NotificationStore {
  private readonly mutex = new Mutex();
  /** The folder is made at the first write, so a bot that never notifies leaves DATA_DIR as it was. */
  private folderMade = false;

  private constructor(
    readonly dir: string,
    private readonly data: NotificationsFile,
    private readonly fs: FileSystem,
  ) {}

  /** Reads DATA_DIR/notifications/notifications.json (or starts empty); a file that does not parse stops start-up with its path. */
  static async open(dataDir: string, fs: FileSystem = nodeFileSystem): Promise<LowdbNotificationStore> {
    const dir = join(dataDir, NOTIFICATIONS_DIR);
    const path = join(dir, FILE_NAME);
    let data: NotificationsFile = { deliveries: {}, reminders: {} };
    try {
      const parsed = NotificationsFile.safeParse(JSON.parse(await fs.readFile(path, 'utf8')));
      if (!parsed.success) throw new Error(`${path} is not a notifications file: ${z.prettifyError(parsed.error)}`);
      data = parsed.data;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    return new LowdbNotificationStore(dir, data, fs);
  }

  notifyingSince(now: Date): Promise<Date> {
    return this.mutex.run(async () => {
      if (this.data.notifyingSince === undefined) {
        this.data.notifyingSince = now.toISOString();
        await this.save();
      }
      return new Date(this.data.notifyingSince);
    });
  }

  async settled(keys: readonly string[]): Promise<Set<string>> {
    return new Set(keys.filter((key) => ['sent', 'failed'].includes(this.data.deliveries[key]?.status ?? 'pending')));
  }

  claim(due: DueNotification, owner: string, now: Date, leaseMs: number): Promise<Claim | undefined> {
    return this.mutex.run(async () => {
      const at = now.toISOString();
      const known = this.data.deliveries[due.key];
      if (known) {
        if (known.status !== 'pending') return undefined;
        if (known.leaseUntil !== undefined && Date.parse(known.leaseUntil) > now.getTime()) return undefined;
        if (known.nextAttemptAt !== undefined && Date.parse(known.nextAttemptAt) > now.getTime()) return undefined;
      }
      const record: StoredDelivery = known ?? {
        key: due.key,
        orderId: due.orderId,
        kind: due.kind,
        status: 'pending',
        attempts: [],
        nextAttemptAt: at,
        createdAt: at,
      };
      this.data.deliveries[due.key] = { ...record, leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
      await this.save();
      return { record: publicRecord(record), owner };
    });
  }

  finish(claim: Claim, outcome: AttemptOutcome): Promise<void> {
    return this.mutex.run(async () => {
      const known = this.data.deliveries[claim.record.key];
      if (!known) throw new Error(`notification ${claim.record.key} was never claimed`);
      this.data.deliveries[claim.record.key] = {
        key: known.key,
        orderId: known.orderId,
        kind: known.kind,
        createdAt: known.createdAt,
        status: outcome.status,
        attempts: [...known.attempts, outcome.attempt],
        ...(outcome.nextAttemptAt === undefined ? {} : { nextAttemptAt: outcome.nextAttemptAt }),
      };
      await this.save();
    });
  }

  async forOrder(orderId: string): Promise<DeliveryRecord[]> {
    return this.sorted(Object.values(this.data.deliveries).filter((d) => d.orderId === orderId));
  }

  async withStatus(status: DeliveryRecord['status'], limit: number): Promise<DeliveryRecord[]> {
    // Newest first: the failures an operator has not seen yet must not fall behind the limit.
    return this.sorted(Object.values(this.data.deliveries).filter((d) => d.status === status)).reverse().slice(0, limit);
  }

  async remindersOn(requester: Requester): Promise<boolean> {
    return this.data.reminders[requesterKey(requester)]?.on ?? true;
  }

  setReminders(requester: Requester, on: boolean, now: Date): Promise<void> {
    return this.mutex.run(async () => {
      this.data.reminders[requesterKey(requester)] = { channelId: requester.channelId, userId: requester.userId, on, at: now.toISOString() };
      await this.save();
    });
  }

  /** Everything the file holds, leases and times included: what `npm run db:import` moves to PostgreSQL. */
  contents(): NotificationsFile {
    return structuredClone(this.data);
  }

  /** Waits for the write in progress. */
  async close(): Promise<void> {
    await this.mutex.run(() => undefined);
  }

  private sorted(records: StoredDelivery[]): DeliveryRecord[] {
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key)).map(publicRecord);
  }

  private async save(): Promise<void> {
    if (!this.folderMade) {
      await this.fs.mkdir(this.dir);
      this.folderMade = true;
    }
    await writeFileAtomically(this.fs, join(this.dir, FILE_NAME), JSON.stringify(this.data), { durable: true });
  }
}
