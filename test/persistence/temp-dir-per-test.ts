// A fresh temporary directory for each test of the calling suite, removed after it.
import { makeTempDir, removeDir } from '../support/paths.js';

/** Call inside describe(): `dir.path` is the current test's own directory. */
export function tempDirPerTest(): { readonly path: string } {
  let path = '';
  beforeEach(() => {
    path = makeTempDir();
  });
  afterEach(() => removeDir(path));
  return {
    get path() {
      return path;
    },
  };
}
