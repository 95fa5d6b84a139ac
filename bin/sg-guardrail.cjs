#!/usr/bin/env node
// The `sg-guardrail` command: runs the CLI that `npm run build` compiles to dist/cli/ (plain
// JavaScript: no TypeScript at run time).
'use strict';
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'cli', 'sg-guardrail.js');
let entry;
try {
  entry = require(cli);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(cli)) {
    console.error(`sg-guardrail: the CLI is not built. Fix: run \`npm ci && npm run build\` in ${path.dirname(__dirname)}.`);
    process.exit(1);
  }
  throw error;
}
entry.runCli();
