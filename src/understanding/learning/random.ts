// A small seeded random number generator, so training is repeatable: the same knowledge gives the
// same model and the same evaluation figures on every machine and every run.

/** mulberry32: 32 bits of state, good enough to shuffle training examples. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles in place (Fisher–Yates) with the given generator. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = items[i];
    const other = items[j];
    if (item === undefined || other === undefined) continue;
    items[i] = other;
    items[j] = item;
  }
  return items;
}
