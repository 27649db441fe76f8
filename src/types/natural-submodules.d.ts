// Types for the few natural submodules we import directly: the package index loads database
// drivers and dotenv (slow start-up, much memory), so we never import 'natural' itself.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distances: {
    DamerauLevenshteinDistance(
      source: string,
      target: string,
      options?: { restricted?: boolean },
    ): number;
  };
  export default distances;
}
