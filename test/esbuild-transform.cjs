// Jest transform: strip types with esbuild (the type-check is `tsc --noEmit` in `npm test`,
// so transpiling here keeps the test run fast). Inline source maps keep stack traces on TS lines.
'use strict';
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

// The transform's own source is part of the key, so changing its options recompiles every file.
const SELF = readFileSync(__filename);

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(SELF).update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      // Commands load their modules with `await import(...)`; jest's CommonJS runtime has no dynamic
      // import without --experimental-vm-modules, so it becomes a require in a promise (same semantics here).
      supported: { 'dynamic-import': false },
      sourcemap: 'both',
      sourcefile: filename,
    });
    return { code, map };
  },
};
