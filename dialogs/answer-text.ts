// What a user answered: typed text, or the `answer` of a card button they pressed.
import type { Activity } from 'botbuilder';

export function answerText(activity: Partial<Activity>): string {
  if (typeof activity.text === 'string' && activity.text.trim() !== '') return activity.text.trim();
  const value: unknown = activity.value;
  if (typeof value === 'object' && value !== null && 'answer' in value && typeof value.answer === 'string') {
    return value.answer;
  }
  return '';
}
