// Tells a request to act ("please cancel my website") from a question about acting ("how long
// does cancelling take?"): the words are the same, the sentence shape is not.
import { foldText } from './analyzer.js';

export type SpeechAct = 'request' | 'howTo' | 'question' | 'statement';

/** A wish or a plea anywhere in the sentence: "i want to", "please", "can you", "help me". */
const WISH_EN = [
  /\b(i|we)\s+(would|d|will|ll)?\s*(want|wanna|wish|need|have|like)\s+(to|you to)\b/,
  /\b(i|we)\s*(would|d)\s+like\b/,
  /\b(i|we)\s+wanna\b/,
  /\bplease\b|\bpls\b|\bplz\b|\bkindly\b/,
  /\b(can|could|would|will)\s+(you|u)\b/,
  /\bhelp\s+(me|us)\b/,
];
/** An order: the sentence starts with the verb ("cancel my website", "transfer 京ICP备..."). */
const IMPERATIVE_EN = [
  /^(go ahead|lets|let us|start|begin)\b/,
  /^(cancel|deregister|unregister|revoke|remove|delete|drop|terminate|transfer|move|migrate|switch|change|modify|update|edit|amend|withdraw|check|show|track|i want|we want)\b/,
];
/**
 * A search-box query that asks for a place, a reason or an amount ("edit company info button",
 * "transfer status check where", "cancel review how long"), even after an imperative verb. "where"
 * and "which" only at the end: inside a sentence they mostly begin a relative clause ("cancel my
 * website which is 京ICP备...-1" is a request).
 */
const ASKS_ANYWHERE_EN = [/\b(why|buttons?|how long|how many|how much)\b/, /\b(where|which)\s*[?]?$/];
/**
 * A clause that asks after a statement ("we closed the shop. do i still need to cancel the beian or
 * can i leave it"). Checked after the wishes and the imperatives, so "I want to cancel, can I do it
 * online?" and "cancel my website, is it free?" stay requests.
 */
const INNER_QUESTION_EN = /(^|[.,;:!?]\s*|\b(or|and|but|so)\s+)(do|does|did|can|could|should|must|will|would|is|are|am)\s+(i|we|they|it|my|our|the|this|that|these|those)\b/;
const HOW_TO_EN = [/\bhow\s+(do|can|should|would)\s+(i|we)\b/, /\bhow\s+to\b/, /\bwhat\s+are\s+the\s+steps\b/, /\bsteps\s+to\b/];
const QUESTION_EN =
  /^(what|whats|when|where|why|which|who|whose|is|are|was|does|do|did|can|could|should|will|would|am|have|has|if|after|before|during|while|how)\b/;
// 麻烦 asks a favour at the start or before 你/您/帮 ("麻烦帮我注销"); elsewhere it is "a bother" (感觉有点麻烦).
const REQUEST_ZH = /我要|我想|我们要|我们想|帮我|帮忙|请|^麻烦|麻烦(你|您|帮)|需要你|给我/;
const HOW_TO_ZH = /怎么|如何|怎样|流程|步骤|操作/;
const QUESTION_ZH = /吗|呢|多久|什么|哪|是否|能否|会不会|能不能|可不可以|有没有|为啥|为什么|多长|几|区别|按钮/;

/** "Can you cancel it" asks for an action; "can I cancel it" and "do I need to" ask about one. */
const ASKS_SOMEONE_TO_ACT = /^(can|could|would|will)\s+(you|u)\b/;

/** Order matters: each test below sees only sentences no earlier test claimed. */
export function speechAct(text: string): SpeechAct {
  const folded = foldText(text).replace(/\s+/g, ' ').trim();
  if (ASKS_SOMEONE_TO_ACT.test(folded)) return 'request';
  if (HOW_TO_EN.some((p) => p.test(folded))) return 'howTo';
  if (QUESTION_EN.test(folded)) return 'question';
  if (WISH_EN.some((p) => p.test(folded))) return 'request';
  if (ASKS_ANYWHERE_EN.some((p) => p.test(folded))) return 'question';
  if (IMPERATIVE_EN.some((p) => p.test(folded))) return 'request';
  if (INNER_QUESTION_EN.test(folded)) return 'question';
  // A Chinese sentence with a question particle ending a clause asks, even after 我想 ("我想知道...吗").
  if (REQUEST_ZH.test(folded) && !/[吗呢]([?？]|$)/.test(folded)) return 'request';
  if (HOW_TO_ZH.test(folded)) return 'howTo';
  if (/[?？]\s*$/.test(folded) || QUESTION_ZH.test(folded)) return 'question';
  return 'statement';
}
