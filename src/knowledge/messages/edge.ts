// The edge messages the code reads from knowledge/messages/edge.json: what the turn machinery and
// the terminal chat say themselves (a failed turn, a retried message, the terminal's greeting).
import { declareMessages } from './declare.js';

export const EDGE_MESSAGES = declareMessages({
  'edge.turnFailed': { vars: [] },
  'edge.turnFailedAgain': { vars: [] },
  'edge.retryAlreadyRecorded': { vars: ['orderId'] },
  'edge.terminalIntro': { vars: [] },
  'edge.databaseUnavailable': { vars: [] },
  'edge.stateConflict': { vars: [] },
});
