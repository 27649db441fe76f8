// Validates knowledge/ the way start-up does and lists every problem: for support staff editing it.
// Messages are checked against the code too: the message types are written again from the edited
// texts, the code must still compile against them, and a message no code uses is named.
import { KnowledgeError, loadKnowledge } from '../src/knowledge/load.js';
import { loadOrderLifecycle } from '../src/knowledge/order-lifecycle.js';
import { loadProvinceRules } from '../src/knowledge/province-rules.js';
import { writeMessageTypes } from './generate-message-types.js';
import { messageUsage } from './message-usage.js';

/** What stops the knowledge, what is only worth a look, and the start-up figures. */
interface Findings {
  problems: string[];
  warnings: string[];
  summary?: string;
}

function check(): Findings {
  const typeProblems = writeMessageTypes();
  if (typeProblems.length > 0) return { problems: typeProblems, warnings: [] };
  try {
    const knowledge = loadKnowledge('knowledge');
    loadOrderLifecycle('knowledge', loadProvinceRules('knowledge'));
    const usage = messageUsage(knowledge.catalogue.ids());
    return {
      // A message no code uses is a failure: it would be translated and maintained for nothing.
      problems: [...usage.compileErrors, ...usage.unused.map((id) => `message ${id}: no code uses it`)],
      warnings: [],
      summary:
        `knowledge OK: ${knowledge.faq.length} FAQ entries, ` +
        `${knowledge.intents.length} intents, ${knowledge.provinces.length} provinces, ${knowledge.catalogue.size} messages`,
    };
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    return { problems: error.problems, warnings: [] };
  }
}

const { problems, warnings, summary } = check();
if (warnings.length > 0) console.warn(`worth a look:\n  ${warnings.join('\n  ')}`);
if (problems.length > 0) {
  console.error(`knowledge is invalid:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(summary);
}
