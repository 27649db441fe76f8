// Builders shared by the order tests: drafts, the real rules as the evaluate callback, temp data dirs.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProvinceRules } from '../../../src/knowledge/province-rules.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { isOrderFile, orderFileFor, ordersDir } from '../../../src/persistence/orders/order-files.js';
import type { Evaluate } from '../../../src/domain/orders/order-store.js';
import { activityKey, type OrderDraftInput } from '../../../src/domain/orders/order.js';
import type { ActionRequest, ActionType } from '../../../src/domain/action.js';
import { evaluateAction } from '../../../src/domain/rules/index.js';

export const provinceRules = loadProvinceRules(fileURLToPath(new URL('../../../knowledge', import.meta.url)));
export const knowledge = loadKnowledge(fileURLToPath(new URL('../../../knowledge', import.meta.url)));

let activities = 0;

export function draft(
  type: ActionType,
  options: { userId?: string; subjectNumber?: string; activity?: string; conversation?: string } = {},
): OrderDraftInput {
  const subjectNumber = options.subjectNumber ?? '京ICP备12345678号';
  const userId = options.userId ?? 'user-1';
  return {
    type,
    filing: { icpNumber: `${subjectNumber}-1`, subjectNumber, province: 'beijing', domains: ['example.cn'] },
    requester: { channelId: 'msteams', userId },
    conversationReference: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: options.conversation ?? `conv-${userId}` },
      user: { id: userId },
      bot: { id: 'bot', name: 'Filing Assistant' },
    },
    sourceActivityKey: activityKey('msteams', options.conversation ?? `conv-${userId}`, options.activity ?? `act-${++activities}`),
  };
}

/** The rules as a flow would pass them: the action the draft records, judged against the stored orders. */
export function rulesFor(d: OrderDraftInput, extra: Partial<ActionRequest> = {}): Evaluate {
  return (existing) => evaluateAction({ type: d.type, filing: d.filing, ...extra }, existing, { provinces: provinceRules, citations: knowledge.citations });
}

export interface TempDir {
  path: string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'orders-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Parses every orders file as any reader would; throws if a write left one broken. */
export function readOrdersFiles(dataDir: string): Array<{ id: string }> {
  const dir = ordersDir(dataDir);
  return readdirSync(dir)
    .filter(isOrderFile)
    .flatMap((name) => {
      const json: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (typeof json !== 'object' || json === null || !('orders' in json) || !Array.isArray(json.orders)) {
        throw new Error(`${name} has no orders array`);
      }
      return json.orders.map((o: unknown) => {
        if (typeof o !== 'object' || o === null || !('id' in o) || typeof o.id !== 'string') throw new Error(`${name}: order without id`);
        return { id: o.id };
      });
    });
}

/** The path of the file that keeps a subject's orders. */
export function orderFilePath(dataDir: string, subjectNumber: string): string {
  return join(ordersDir(dataDir), orderFileFor(subjectNumber));
}
