// Mutation testing (`npm run mutate`): Stryker plants one small bug at a time in src/ and demo/server/ (a
// flipped comparison, a dropped check, an emptied string) and runs the unit tests that cover it; a mutant
// the tests do not notice "survives". Not part of `npm test`: a full run takes about an hour on 2 cores.
// Mutants that survive on purpose in the security modules are listed, with the reason, in
// stryker-equivalents.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // The unit tests of src/ and demo/server/ only: the folders that read dist/ or pack the package test the
  // build, which Stryker does not rebuild for each mutant.
  vitest: { configFile: 'stryker.vitest.config.ts' },
  mutate: ['src/**/*.ts', 'demo/server/**/*.ts', '!src/api/types.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Only mutants whose code or covering tests changed since the last run are tested again. The file is
  // git-ignored: it describes one working copy, and as a committed file it would conflict on every merge.
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  tempDirName: '.stryker/tmp',
  ignorePatterns: [
    '.stryker',
    'dist',
    'coverage',
    'reports',
    'test-results',
    'playwright-report',
    'docs/api',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.stryker/report/mutation.html' },
  jsonReporter: { fileName: '.stryker/report/mutation.json' },
  clearTextReporter: { allowColor: false, reportTests: false, reportScoreTable: true },
  // Below 80% the score is shown in red; the run never fails on it (the score is read, not gated).
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10_000,
  // The first run of every test, in one thread, on a machine that may be busy.
  dryRunTimeoutMinutes: 20,
  cleanTempDir: 'always',
}
