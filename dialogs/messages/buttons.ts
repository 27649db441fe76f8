// A message with suggested-action buttons that send their own title.
import { MessageFactory, type Activity } from 'botbuilder';

export function withButtons(text: string, titles: readonly string[]): Partial<Activity> {
  return titles.length > 0 ? MessageFactory.suggestedActions([...titles], text) : MessageFactory.text(text);
}
