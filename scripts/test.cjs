#!/usr/bin/env node
// `npm test`: every check, in about half the time of running them one after another.
// - Type-check and lint share one TypeScript program: tsc's diagnostics and ESLint's type-aware
//   rules would otherwise each build and check the whole project (~11 s and ~20 s here), and the
//   rules mostly ask for types the diagnostics already computed.
// - That runs in this process while jest runs beside it (jest.config.cjs: a worker per core).
// Jest's output streams as usual; the type-check and lint results follow it. Arguments go to jest.
// Exit code: 1 if any of the three fails. Alone: `npm run typecheck`, `npm run lint`, `npx jest`.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function runJest(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`jest did not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** tsc --noEmit over tsconfig.json, then ESLint on the same program; returns what to print and whether both passed. */
async function typecheckAndLint() {
  const ts = require('typescript');
  const { ESLint } = require('eslint');
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.formatDiagnostic(d, host));
    },
  });
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const diagnostics = [...(parsed.errors ?? []), ...ts.getPreEmitDiagnostics(program)];
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  const lines = [];
  lines.push(diagnostics.length === 0 ? `typecheck: no errors in ${parsed.fileNames.length} files.` : `typecheck: ${diagnostics.length} error(s)\n${format(diagnostics, host)}`);
  // The same program for the type-aware rules (instead of the config's projectService).
  const eslint = new ESLint({ cwd: ROOT, overrideConfig: { languageOptions: { parserOptions: { programs: [program], projectService: false } } } });
  const results = await eslint.lintFiles(['.']);
  const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
  const report = problems === 0 ? '' : await (await eslint.loadFormatter('stylish')).format(results);
  lines.push(problems === 0 ? `lint: no problems in ${results.length} files.` : `lint: ${problems} problem(s)${report}`);
  return { ok: diagnostics.length === 0 && problems === 0, text: lines.join('\n') };
}

async function main() {
  const jest = runJest(process.argv.slice(2));
  let checks;
  try {
    checks = await typecheckAndLint();
  } catch (error) {
    checks = { ok: false, text: `typecheck/lint could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  const jestCode = await jest;
  console.log(`\n${checks.text}`);
  process.exitCode = jestCode === 0 && checks.ok ? 0 : 1;
}

void main();
