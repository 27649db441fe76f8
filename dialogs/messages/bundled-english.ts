// The conversation's English words as shipped in knowledge/messages/, for the callers that have no
// loaded knowledge yet: src/botframework/bot.ts (the welcome) and test/teams/teams-bot.test.ts. They
// should take the conversation's own words instead (asked of the lead at merge); then delete this.
import conversation from '../../knowledge/messages/conversation.json' with { type: 'json' };
import { Catalogue, DEFAULT_LOCALE, MessagesFile } from '../../src/knowledge/catalogue.js';
import { Words } from './words.js';

export const BUNDLED_ENGLISH = new Words(new Catalogue(new Map(Object.entries(MessagesFile.parse(conversation)))), DEFAULT_LOCALE);
