// GET /api/operator/orders/{id}/notifications and GET /api/operator/notifications?status=failed:
// what the bot told (or failed to tell) users about their orders, every attempt with its time and
// outcome, for the back office. Behind requireOperator, like every back-office route.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Config } from '../config.js';
import { DeliveryStatus, type DeliveryRecord } from '../domain/notifications/notification.js';
import type { NotificationStore } from '../domain/notifications/notification-store.js';
import type { OrderStore } from '../domain/orders/order-store.js';
import { requireOperator } from './operator-auth.js';
import { refuse } from './refuse.js';

/** A page of the failed (or pending, or sent) list: enough to act on, small enough to send at once. */
const MAX_LISTED = 500;

export interface OperatorNotificationParts {
  orders: Pick<OrderStore, 'get'>;
  notifications: Pick<NotificationStore, 'forOrder' | 'withStatus'>;
}

const StatusQuery = z.object({ status: DeliveryStatus.default('failed') }).loose();
const OrderParams = z.object({ id: z.string().min(1).max(64) });

function view(record: DeliveryRecord) {
  return {
    key: record.key,
    kind: record.kind,
    status: record.status,
    attempts: record.attempts.map((a) => ({ at: a.at, ok: a.ok, error: a.error ?? null })),
    nextAttemptAt: record.nextAttemptAt ?? null,
  };
}

export function mountOperatorNotifications(server: Server, parts: OperatorNotificationParts, config: Pick<Config, 'OPERATOR_TOKEN'>): void {
  const guard = requireOperator(config);

  server.get('/api/operator/orders/:id/notifications', guard, async (req: Request, res: Response) => {
    const params = OrderParams.safeParse(req.params);
    if (!params.success) return refuse(res, 400, 'BadRequest', 'the order id is missing or too long');
    const order = await parts.orders.get(params.data.id);
    if (!order) return refuse(res, 404, 'NotFound', `no order ${params.data.id}`);
    const records = await parts.notifications.forOrder(order.id);
    res.send(200, { orderId: order.id, notifications: records.map(view) }, { 'cache-control': 'no-store' });
  });

  server.get('/api/operator/notifications', guard, async (req: Request, res: Response) => {
    const query = StatusQuery.safeParse(req.query ?? {});
    if (!query.success) return refuse(res, 400, 'BadRequest', 'status must be pending, sent or failed');
    const records = await parts.notifications.withStatus(query.data.status, MAX_LISTED);
    res.send(200, { notifications: records.map((record) => ({ orderId: record.orderId, ...view(record) })) }, { 'cache-control': 'no-store' });
  });
}
