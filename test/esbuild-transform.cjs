// Jest transform: strip types with esbuild (the type-check is `tsc --noEmit` in `npm test`,
// so transpiling here keeps the test run fast). Inline source maps keep stack traces on TS lines.
'use strict';
const { readFileSync } = require('node:fs');
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');

// The options below are part of every cached result: a change here must not reuse old output.
const SELF = readFileSync(__filename);

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(SELF).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      // The CLI loads commands with `await import()`; jest's CommonJS runtime needs it as require().
      supported: { 'dynamic-import': false },
      sourcemap: 'both',
      sourcefile: filename,
    });
    return { code, map };
  },
};
