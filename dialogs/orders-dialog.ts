// The user's own orders: their status, and withdrawing one that is still in process.
import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from '../src/botframework/dialog-kit.js';
import { choiceParser, YES_NO } from '../src/understanding/field-parsers.js';
import type { Order } from '../src/domain/orders/order.js';
import { normaliseOrderId } from '../src/domain/orders/order-id.js';
import { withdrawalProblem } from '../src/domain/orders/withdrawal.js';
import { ACTION_LABELS } from '../src/domain/rules/index.js';
import { FieldDialog, withButtons } from './field-dialog.js';
import { requesterOf, say, sourceText, type FlowServices } from './flow-support.js';
import { message, type MessageRef } from '../src/knowledge/catalogue.js';
import type { CitationId } from '../src/knowledge/citations.js';

export const ORDER_STATUS_DIALOG = 'orderStatus';
export const WITHDRAW_DIALOG = 'withdrawOrder';

const CONFIRM_FIELD = 'withdraw.confirm';
/** More orders than this in one message are hard to read; the newest come first. */
const MAX_LISTED = 10;

const STATE_WORDS: Readonly<Record<Order['state'], string>> = {
  in_process: 'in process',
  withdrawn: 'withdrawn',
  completed: 'completed',
  rejected: 'rejected',
};

const TEXT = {
  none: 'You have no orders with me yet. I can help you cancel a filing, transfer a filing to us, cancel a transfer, or change filing information.',
  heading: (count: number) => `Your orders (${count}):`,
  notFound: (id: string) => `I cannot find an order ${id} among your orders. Say "my orders" to see them.`,
  askId: 'Which order? Say "withdraw" followed by its id, e.g. "withdraw FA-7K3Q9M".',
  confirm: (order: Order, described: string) => `Withdraw order ${order.id} (${described})? It will no longer be processed.`,
  kept: 'OK, I kept the order as it is.',
  withdrawn: (order: Order, described: string) => `Withdrawn: order ${order.id} (${described}). You can start a new request at any time.`,
} as const;

/** "withdraw FA-7K3Q9M", "withdraw order 7k3q9m", "撤回 FA-7K3Q9M". */
const WITHDRAW_REQUEST = /^(?:please\s+)?(?:withdraw|撤回|撤销订单)\s*(?:order|订单)?\s*(.*)$/iu;

export function withdrawRequestId(text: string): string | undefined | null {
  const match = WITHDRAW_REQUEST.exec(text.trim());
  if (!match) return null;
  return normaliseOrderId(match[1] ?? '');
}

function describe(services: FlowServices, order: Order): string {
  const domains = order.filing.domains.length > 0 ? `, ${order.filing.domains.join(', ')}` : '';
  return `${say(services, message(ACTION_LABELS[order.type]))}: ${order.filing.icpNumber}${domains}`;
}

function line(services: FlowServices, order: Order): string {
  const when = order.createdAt.slice(0, 10);
  return `- **${order.id}**: ${describe(services, order)}, ${STATE_WORDS[order.state]} (since ${order.history.at(-1)?.at.slice(0, 10) ?? when}; placed ${when})`;
}

export class OrderStatusDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(ORDER_STATUS_DIALOG);
    this.addDialog(new WaterfallDialog(`${ORDER_STATUS_DIALOG}.steps`, [this.list.bind(this)]));
    this.initialDialogId = `${ORDER_STATUS_DIALOG}.steps`;
  }

  private async list(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { channelId, userId } = requesterOf(step.context);
    const orders = await this.services.orders.listForUser(channelId, userId);
    if (orders.length === 0) {
      await step.context.sendActivity(TEXT.none);
      return step.endDialog();
    }
    const shown = orders.slice(0, MAX_LISTED);
    const withdrawable = shown.filter((o) => !withdrawalProblem(o)).slice(0, 3);
    await step.context.sendActivity(
      withButtons(
        [TEXT.heading(orders.length), ...shown.map((order) => line(this.services, order))].join('\n'),
        [...withdrawable.map((o) => `Withdraw ${o.id}`), 'Help'],
      ),
    );
    return step.endDialog();
  }
}

export class WithdrawDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(WITHDRAW_DIALOG);
    this.addDialog(new FieldDialog(CONFIRM_FIELD, choiceParser(YES_NO)));
    this.addDialog(
      new WaterfallDialog(`${WITHDRAW_DIALOG}.steps`, [this.confirm.bind(this), this.withdraw.bind(this)]),
    );
    this.initialDialogId = `${WITHDRAW_DIALOG}.steps`;
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const id = withdrawRequestId(text);
    if (!id) {
      await step.context.sendActivity(TEXT.askId);
      return step.endDialog();
    }
    const { channelId, userId } = requesterOf(step.context);
    const order = await this.services.orders.getForUser(id, channelId, userId);
    if (!order) {
      await step.context.sendActivity(TEXT.notFound(id));
      return step.endDialog();
    }
    const problem = withdrawalProblem(order);
    if (problem) {
      await step.context.sendActivity(this.withdrawalRefusal(problem.reason, problem.source));
      return step.endDialog();
    }
    const values: { orderId?: string } = step.values;
    values.orderId = order.id;
    return step.beginDialog(CONFIRM_FIELD, { prompt: withButtons(TEXT.confirm(order, describe(this.services, order)), ['Yes', 'No']) });
  }

  private async withdraw(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'yes') {
      await step.context.sendActivity(TEXT.kept);
      return step.endDialog();
    }
    const { channelId, userId } = requesterOf(step.context);
    const values: { orderId?: string } = step.values;
    const id = values.orderId ?? '';
    const result = await this.services.orders.withdraw(id, channelId, userId);
    if ('withdrawn' in result) await step.context.sendActivity(MessageFactory.text(TEXT.withdrawn(result.withdrawn, describe(this.services, result.withdrawn))));
    else if ('notFound' in result) await step.context.sendActivity(TEXT.notFound(id));
    else await step.context.sendActivity(this.withdrawalRefusal(result.notAllowed, result.source));
    return step.endDialog();
  }

  /** Why an order cannot be withdrawn, with the help material's words when it has them. */
  private withdrawalRefusal(reason: MessageRef, source: CitationId | undefined): string {
    const { citations, sourceTitles } = this.services.understanding.knowledge;
    const cited = source ? `\n\n${sourceText([citations.get(source)], sourceTitles)}` : '';
    return `${say(this.services, reason)}${cited}`;
  }
}
