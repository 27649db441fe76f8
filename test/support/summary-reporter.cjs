// Mocha's Spec reporter plus one last plain line, `tests: N passed, M failed`, which CI reads.
// With FILE_DURATIONS=1 in the environment (or `--reporter-option fileDurations=true`) it first
// lists how long each test file took, hooks included, slowest first.
'use strict';
/* global require, module, console, process, performance */

// eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha loads reporters with require()
const { reporters, Runner } = require('mocha');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const { relative } = require('node:path');

const { EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Runner.constants;

/** Whether per-file durations were asked for, by environment variable or reporter option. */
function wantsFileDurations(options) {
  const reporterOption = (options && (options.reporterOption || options.reporterOptions)) || {};
  const asked = [process.env.FILE_DURATIONS, reporterOption.fileDurations].map((value) => String(value ?? '').toLowerCase());
  return asked.some((value) => value === '1' || value === 'true');
}

class SummaryReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    /** Test file -> milliseconds spent in its top-level suites (their tests and hooks). */
    this.fileMs = wantsFileDurations(options) ? new Map() : undefined;
    if (!this.fileMs) return;
    const started = new Map();
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      // A file's top-level describe blocks: children of the root suite that know their file.
      if (suite.file && suite.parent && suite.parent.root) started.set(suite, performance.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      const start = started.get(suite);
      if (start === undefined) return;
      started.delete(suite);
      const file = relative(process.cwd(), suite.file);
      this.fileMs.set(file, (this.fileMs.get(file) ?? 0) + performance.now() - start);
    });
  }

  epilogue() {
    super.epilogue();
    if (this.fileMs) {
      const slowestFirst = [...this.fileMs.entries()].sort((a, b) => b[1] - a[1]);
      console.log('time per test file, slowest first:');
      for (const [file, ms] of slowestFirst) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
      console.log('');
    }
    const { passes = 0, failures = 0 } = this.stats;
    // console.log, not Base.consoleLog: the line must stay plain even when colours are on.
    console.log(`tests: ${passes} passed, ${failures} failed`);
  }
}

SummaryReporter.description = 'spec, then a one-line summary for CI (FILE_DURATIONS=1: time per test file first)';

module.exports = SummaryReporter;
