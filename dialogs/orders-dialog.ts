// The user's own orders: their status, and withdrawing one that is still in process.
import type { Activity, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from '../src/botframework/dialog-kit.js';
import { z } from 'zod';
import { choiceParser, findOrderId, orderIdParser, YES_NO } from '../src/understanding/field-parsers.js';
import { enteredCurrentState, type Order } from '../src/domain/orders/order.js';
import { normaliseOrderId } from '../src/domain/orders/order-id.js';
import { ORDER_STATE_WORDS } from '../src/domain/orders/order-state-words.js';
import { withdrawalProblem } from '../src/domain/orders/withdrawal.js';
import { stateNews, type Lifecycle } from '../src/domain/orders/lifecycle.js';
import { isActive } from '../src/domain/orders/order-summary.js';
import { plainText } from './messages/plain-text.js';
import { ACTION_LABELS } from '../src/domain/rules/index.js';
import { message, type MessageRef } from '../src/knowledge/catalogue.js';
import type { CitationId } from '../src/knowledge/citations.js';
import { AskDialog, inEveryLocale, type Question } from './form/ask-dialog.js';
import { withButtons } from './messages/buttons.js';
import { sourceLine } from './messages/source-line.js';
import { wordsFor, wordsIn, type Words } from './messages/words.js';
import type { FlowServices } from './services.js';
import { requesterOf } from './turn-identity.js';

export const ORDER_STATUS_DIALOG = 'orderStatus';
export const WITHDRAW_DIALOG = 'withdrawOrder';

const CONFIRM_QUESTION = 'withdraw.confirm';
const ORDER_QUESTION = 'withdraw.which';
/** More orders than this in one message are hard to read; the newest come first. */
const MAX_LISTED = 10;
/** Withdraw buttons under the list: the newest orders that can still be withdrawn. */
const MAX_WITHDRAW_BUTTONS = 3;

/** "withdraw FA-7K3Q9M", "withdraw order 7k3q9m", "撤回 FA-7K3Q9M". */
const WITHDRAW_REQUEST = /^(?:please\s+)?(?:withdraw|撤回|撤销订单)\s*(?:order|订单)?\s*(.*)$/iu;

export function withdrawRequestId(text: string): string | undefined | null {
  const match = WITHDRAW_REQUEST.exec(text.trim());
  if (!match) return null;
  return normaliseOrderId(match[1] ?? '');
}

function describe(order: Order): MessageRef {
  const vars = { action: message(ACTION_LABELS[order.type]), icpNumber: order.filing.icpNumber };
  return order.filing.domains.length > 0
    ? message('orders.describeWithDomains', { ...vars, domains: order.filing.domains })
    : message('orders.describe', vars);
}

/** States whose next step the user needs: still being worked on, or rejected (what to do about it). */
function hasNextStep(order: Order): boolean {
  return isActive(order.state) || order.state === 'rejected';
}

/**
 * The note of the move that gave the order its state: a rejection's reasons, as the filing team
 * wrote them. Notes added afterwards (POST .../notes) are the team's own and never shown here.
 */
function reasonsOf(order: Order): string | undefined {
  return order.history[enteredCurrentState(order)]?.note;
}

function line(words: Words, lifecycle: Lifecycle, order: Order): string {
  const placed = order.createdAt.slice(0, 10);
  const lines = [
    words.say(
      message('orders.line', {
        orderId: order.id,
        order: describe(order),
        state: message(ORDER_STATE_WORDS[order.state]),
        since: order.history.at(-1)?.at.slice(0, 10) ?? placed,
        placed,
      }),
    ),
  ];
  const reasons = order.state === 'rejected' ? reasonsOf(order) : undefined;
  if (reasons !== undefined) lines.push(words.say(message('orders.reasons', { reasons: plainText(reasons) })));
  if (hasNextStep(order)) lines.push(words.say(message('orders.nextStep', { next: stateNews(lifecycle, order.type, order.state).next })));
  return lines.join('\n');
}

export class OrderStatusDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(ORDER_STATUS_DIALOG);
    this.addDialog(new WaterfallDialog(`${ORDER_STATUS_DIALOG}.steps`, [this.list.bind(this)]));
    this.initialDialogId = `${ORDER_STATUS_DIALOG}.steps`;
  }

  private async list(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(await orderListReply(this.services, step.context));
    return step.endDialog();
  }
}

/**
 * The user's orders in one reply, newest first, with buttons to withdraw those that still can be;
 * or word that there are none. The router sends it without a dialog when no flow is under way.
 */
export async function orderListReply(services: FlowServices, context: TurnContext): Promise<Partial<Activity> | string> {
  const words = wordsFor(services, context);
  const { channelId, userId } = requesterOf(context);
  const orders = await services.orders.listForUser(channelId, userId);
  if (orders.length === 0) return words.say(message('orders.none'));
  const shown = orders.slice(0, MAX_LISTED);
  return withButtons(
    [words.say(message('orders.heading', { count: orders.length })), ...shown.map((order) => line(words, services.lifecycle, order))].join('\n'),
    [
      ...withdrawable(orders, services).map((o) => words.say(message('orders.withdrawButton', { orderId: o.id }))),
      words.say(message('conversation.button.help')),
    ],
  );
}

/** The order being withdrawn, between asking and the answer; the answers as the questions end them. */
const WithdrawValues = z.object({ orderId: z.string() });
const YesOrNo = z.object({ value: z.enum(['yes', 'no']) });
const OrderIdAnswer = z.object({ value: z.string() });

/** The user's orders, newest first; with none, says so and gives nothing back. */
async function ordersOrSayNone(services: FlowServices, step: WaterfallStepContext, words: Words): Promise<Order[] | undefined> {
  const { channelId, userId } = requesterOf(step.context);
  const orders = await services.orders.listForUser(channelId, userId);
  if (orders.length > 0) return orders;
  await step.context.sendActivity(words.say(message('orders.none')));
  return undefined;
}

/** The user's newest orders that can still be withdrawn, for buttons that withdraw them. */
function withdrawable(orders: readonly Order[], services: FlowServices): Order[] {
  const policy = { now: services.now(), cancellationUndoMs: services.cancellationUndoMs };
  return orders.slice(0, MAX_LISTED).filter((o) => !withdrawalProblem(o, policy)).slice(0, MAX_WITHDRAW_BUTTONS);
}

export class WithdrawDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(WITHDRAW_DIALOG);
    const yesNo = choiceParser(YES_NO);
    this.addDialog(new AskDialog(CONFIRM_QUESTION, () => yesNo, services));
    this.addDialog(new AskDialog(ORDER_QUESTION, () => orderIdParser, services));
    this.addDialog(
      new WaterfallDialog(`${WITHDRAW_DIALOG}.steps`, [this.whichOrder.bind(this), this.confirm.bind(this), this.withdraw.bind(this)]),
    );
    this.initialDialogId = `${WITHDRAW_DIALOG}.steps`;
  }

  /** The order the request names, or else the question "Which order?" with the user's withdrawable orders as buttons. */
  private async whichOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const named = withdrawRequestId(text) ?? findOrderId(text);
    if (named) return step.next({ value: named });
    const words = wordsFor(this.services, step.context);
    const orders = await ordersOrSayNone(this.services, step, words);
    if (!orders) return step.endDialog();
    const choices = withdrawable(orders, this.services);
    const question: Question = {
      slot: 'orderId',
      prompts: inEveryLocale((locale) => {
        const inLocale = wordsIn(this.services, locale);
        return {
          text: inLocale.say(message('orders.askId')),
          buttons: choices.map((o) => inLocale.say(message('orders.withdrawButton', { orderId: o.id }))),
        };
      }),
    };
    return step.beginDialog(ORDER_QUESTION, question);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const words = wordsFor(this.services, step.context);
    const id = OrderIdAnswer.parse(step.result).value;
    const { channelId, userId } = requesterOf(step.context);
    const order = await this.services.orders.getForUser(id, channelId, userId);
    if (!order) {
      await step.context.sendActivity(words.say(message('orders.notFound', { orderId: id })));
      return step.endDialog();
    }
    const problem = withdrawalProblem(order, { now: this.services.now(), cancellationUndoMs: this.services.cancellationUndoMs });
    if (problem) {
      await step.context.sendActivity(this.withdrawalRefusal(words, problem.reason, problem.source));
      return step.endDialog();
    }
    Object.assign(step.values, WithdrawValues.parse({ orderId: order.id }));
    const question: Question = {
      slot: 'withdraw',
      prompts: inEveryLocale((locale) => {
        const inLocale = wordsIn(this.services, locale);
        return {
          text: inLocale.say(message('orders.confirmWithdraw', { orderId: order.id, order: describe(order) })),
          buttons: YES_NO.map((choice) => inLocale.say(message(choice.title))),
        };
      }),
    };
    return step.beginDialog(CONFIRM_QUESTION, question);
  }

  private async withdraw(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const words = wordsFor(this.services, step.context);
    if (YesOrNo.parse(step.result).value !== 'yes') {
      await step.context.sendActivity(words.say(message('orders.kept')));
      return step.endDialog();
    }
    const { channelId, userId } = requesterOf(step.context);
    const { orderId } = WithdrawValues.parse(step.values);
    const result = await this.services.orders.withdraw(orderId, channelId, userId);
    if ('withdrawn' in result) {
      await step.context.sendActivity(words.say(message('orders.withdrawn', { orderId: result.withdrawn.id, order: describe(result.withdrawn) })));
    } else if ('notFound' in result) {
      await step.context.sendActivity(words.say(message('orders.notFound', { orderId })));
    } else {
      await step.context.sendActivity(this.withdrawalRefusal(words, result.notAllowed, result.source));
    }
    return step.endDialog();
  }

  /** Why an order cannot be withdrawn, with the help material's words when it has them. */
  private withdrawalRefusal(words: Words, reason: MessageRef, source: CitationId | undefined): string {
    const { citations, sourceTitles } = this.services.understanding.knowledge;
    const cited = source ? `\n\n${sourceLine(words, [citations.get(source)], sourceTitles)}` : '';
    return `${words.say(reason)}${cited}`;
  }
}
