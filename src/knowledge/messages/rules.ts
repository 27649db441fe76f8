// The rules messages the code reads from knowledge/messages/rules.json.
import { declareMessages } from './declare.js';

export const RULES_MESSAGES = declareMessages({});
