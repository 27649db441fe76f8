// Validates knowledge/ the way start-up does and lists every problem: for support staff editing it.
import { KnowledgeError, loadKnowledge } from '../src/knowledge/load.js';

try {
  const knowledge = loadKnowledge('knowledge');
  console.log(
    `knowledge OK: ${knowledge.faq.length} FAQ entries, ` +
      `${knowledge.intents.length} intents, ${knowledge.provinces.length} provinces, ${knowledge.catalogue.size} messages`,
  );
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
