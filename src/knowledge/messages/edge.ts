// The edge messages the code reads from knowledge/messages/edge.json.
import { declareMessages } from './declare.js';

export const EDGE_MESSAGES = declareMessages({});
