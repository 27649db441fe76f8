// What `npm run db:import` reports for each kind of record it moves.
export interface ImportCounts {
  imported: number;
  alreadyThere: number;
  skipped: number;
}

export function noCounts(): ImportCounts {
  return { imported: 0, alreadyThere: 0, skipped: 0 };
}
