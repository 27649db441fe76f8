// The flows messages the code reads from knowledge/messages/flows.json.
import { declareMessages } from './declare.js';

export const FLOWS_MESSAGES = declareMessages({});
