// Jest reporter: after the summary, lists every skipped test with the reason its title carries
// (test/optional-tools.ts), so a run without cfn-lint or Java says what it did not check.
'use strict';
const path = require('node:path');

class SkippedReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const groups = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status !== 'pending' && test.status !== 'skipped' && test.status !== 'todo') continue;
        const title = test.ancestorTitles[0] ?? test.title;
        const key = `${path.relative(this.rootDir, file.testFilePath)}: ${title}`;
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
    }
    if (groups.size === 0) return;
    const count = [...groups.values()].reduce((a, b) => a + b, 0);
    const lines = [`Skipped ${count} test${count === 1 ? '' : 's'} (see README, "Optional test tools"):`];
    for (const [key, n] of groups) lines.push(`  ${n} × ${key}`);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}

module.exports = SkippedReporter;
