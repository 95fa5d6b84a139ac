#!/usr/bin/env node
// The `sg-guardrail` command: runs the TypeScript CLI through tsx, so no compile step is needed.
// Commands load their modules on demand with import(), so tsx's ESM hooks are registered beside its
// CommonJS ones (through the ESM build of tsx/esm/api: its CommonJS build misplaces its hooks in 4.23).
'use strict';
import('tsx/esm/api').then(({ register }) => {
  register();
  require('tsx/cjs');
  require('../scripts/sg-guardrail.ts').runCli();
});
