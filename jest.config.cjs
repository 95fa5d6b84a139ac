/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // A worker per core (jest's default leaves one core idle: one worker on a 2-core machine).
  maxWorkers: '100%',
  // A guard against a hang, not a timing: the end-to-end scenarios take a few seconds, and with every
  // core busy (npm test type-checks beside jest) jest's 5 s default failed them on a loaded machine.
  testTimeout: 30_000,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.cjs' },
  // js before ts: cloudform-types ships each module as .js *and* .ts (ESM source) side by side, and
  // must load its compiled .js. Our own sources have no .js twins.
  moduleFileExtensions: ['js', 'ts', 'cjs', 'json'],
  // Tests never touch the network: a real SDK call without a mock fails fast instead of hanging.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // Tests skipped for a missing tool (cfn-lint, Java) are listed, with the reason, after the summary.
  reporters: ['default', '<rootDir>/test/skipped-reporter.cjs'],
};
