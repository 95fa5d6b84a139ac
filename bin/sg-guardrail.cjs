#!/usr/bin/env node
// The `sg-guardrail` command: runs the TypeScript CLI through tsx, so no compile step is needed.
'use strict';
require('tsx/cjs');
require('../scripts/sg-guardrail.ts').runCli();
