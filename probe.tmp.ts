import { loadKnowledge } from './src/knowledge/load.js';
import { Understanding } from './src/understanding/understanding.js';
const u = new Understanding(loadKnowledge('/work/wt/f/knowledge'));
for (const q of process.argv.slice(2)) {
  const r = u.readQuestion(q);
  console.log(q, r.entries.slice(0, 4).map((m) => `${m.entry.id} ${m.score.toFixed(2)}`).join(' | '), 'oos', r.outOfScope.toFixed(2));
}
