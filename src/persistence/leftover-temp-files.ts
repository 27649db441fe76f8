// Start-up clean-up of the temporary files a killed process left in the stores' folders. Run only
// while holding the DATA_DIR lock: then no other process is writing there, so every such file is a
// leftover; and only our own name pattern is touched, so nothing an operator put there goes.
import { join } from 'node:path';
import { isLeftoverTempFile } from './atomic-file.js';
import { errorCode, type FileSystem } from './file-system.js';
import { CONVERSATIONS_DIR } from './lowdb-storage.js';
import { NOTIFICATIONS_DIR } from './notifications/lowdb-notification-store.js';
import { ORDERS_DIR } from './orders/order-files.js';
import { QUESTIONS_DIR } from './questions/lowdb-question-log.js';

async function entries(fs: FileSystem, dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    // A store that has never written has no folder yet; anything else is worth a start-up error.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
}

async function removeIn(fs: FileSystem, dir: string, names: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const name of names.filter(isLeftoverTempFile)) {
    await fs.unlink(join(dir, name));
    removed.push(join(dir, name));
  }
  return removed;
}

/** Removes leftover temporary files under DATA_DIR's orders, questions, notifications and conversations folders; returns their paths. */
export async function removeLeftoverTempFiles(fs: FileSystem, dataDir: string): Promise<string[]> {
  const orders = join(dataDir, ORDERS_DIR);
  const removed = await removeIn(fs, orders, await entries(fs, orders));
  const questions = join(dataDir, QUESTIONS_DIR);
  removed.push(...(await removeIn(fs, questions, await entries(fs, questions))));
  const notifications = join(dataDir, NOTIFICATIONS_DIR);
  removed.push(...(await removeIn(fs, notifications, await entries(fs, notifications))));
  const conversations = join(dataDir, CONVERSATIONS_DIR);
  const folders = await entries(fs, conversations);
  removed.push(...(await removeIn(fs, conversations, folders)));
  // Conversation state lives one folder down, by the first two hex digits of its key's hash.
  for (const folder of folders.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
    const dir = join(conversations, folder);
    removed.push(...(await removeIn(fs, dir, await entries(fs, dir))));
  }
  return removed;
}
