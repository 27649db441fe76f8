// Mocha's Spec reporter plus one last plain line, `tests: N passed, M failed`, which CI reads.
'use strict';
/* global require, module, console */

// eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha loads reporters with require()
const { reporters } = require('mocha');

class SummaryReporter extends reporters.Spec {
  epilogue() {
    super.epilogue();
    const { passes = 0, failures = 0 } = this.stats;
    // console.log, not Base.consoleLog: the line must stay plain even when colours are on.
    console.log(`tests: ${passes} passed, ${failures} failed`);
  }
}

SummaryReporter.description = 'spec, then a one-line summary for CI';

module.exports = SummaryReporter;
