// The conversation messages the code reads from knowledge/messages/conversation.json.
import { declareMessages } from './declare.js';

export const CONVERSATION_MESSAGES = declareMessages({});
