// The words of a notification, in the language of the conversation the order was placed in: the
// order id, the action, the new state and what to do next (a rejection's reasons), or a reminder
// with its deadline in China's time zone, where the filing system and the MIIT work.
import { plainText } from '../../dialogs/messages/plain-text.js';
import { ACTION_LABELS } from '../domain/action.js';
import type { DueNotification } from '../domain/notifications/notification.js';
import { stateNews, type Lifecycle } from '../domain/orders/lifecycle.js';
import { ORDER_STATE_WORDS } from '../domain/orders/order-state-words.js';
import type { ConversationReference, Order } from '../domain/orders/order.js';
import { message, type Catalogue, type Locale } from '../knowledge/catalogue.js';

/** The MIIT's and the filing system's clock: deadlines are shown in it, whatever the server's zone. */
const CHINA_TIME_ZONE = 'Asia/Shanghai';
const DATE_TIME_TAGS: Readonly<Record<Locale, string>> = { en: 'en-GB', zh: 'zh-CN' };

/** The language of a conversation, from its stored reference: Chinese for zh-*, English otherwise. */
export function localeOfReference(reference: ConversationReference | undefined): Locale {
  return /^zh\b/i.test(reference?.locale ?? '') ? 'zh' : 'en';
}

function deadlineText(catalogue: Catalogue, locale: Locale, deadline: Date): string {
  const time = new Intl.DateTimeFormat(DATE_TIME_TAGS[locale], { dateStyle: 'long', timeStyle: 'short', timeZone: CHINA_TIME_ZONE }).format(deadline);
  return catalogue.text(locale, 'notify.deadline', { time });
}

/** The text of a notification about `order`, in `locale`. */
export function noticeText(catalogue: Catalogue, lifecycle: Lifecycle, order: Order, due: DueNotification, locale: Locale): string {
  const orderId = order.id;
  const action = message(ACTION_LABELS[order.type]);
  const optOut = message('notify.optOut');
  if (due.kind === 'phone' || due.kind === 'expiry') {
    const deadline = deadlineText(catalogue, locale, due.deadline ?? new Date(order.createdAt));
    if (due.kind === 'phone') return catalogue.text(locale, 'notify.phoneReminder', { orderId, action, deadline, optOut });
    const state = message(ORDER_STATE_WORDS[order.state]);
    return catalogue.text(locale, 'notify.expiryReminder', { orderId, action, state, days: lifecycle.expiry.days, deadline, optOut });
  }
  const entry = order.history[due.historyIndex ?? order.history.length - 1] ?? order.history[order.history.length - 1];
  const newState = entry?.state ?? order.state;
  const news = stateNews(lifecycle, order.type, newState);
  const text = catalogue.text(locale, 'notify.stateChanged', { orderId, action, state: news.state, next: news.next });
  // As typed by the filing team, shown as text: no emphasis or link the note did not mean.
  const note = newState === 'rejected' ? entry?.note?.trim() : undefined;
  const reasons = note ? plainText(note) : undefined;
  return reasons ? `${text}\n\n${catalogue.text(locale, 'notify.rejectionReasons', { reasons })}` : text;
}
