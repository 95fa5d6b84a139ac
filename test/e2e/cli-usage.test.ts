/**
 * The CLI's own surface, in-process: help, version, and every usage mistake of every command. A
 * mistake exits 1 with exactly one line that names the fix and the command's --help, before any
 * AWS call and without a stack trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../scripts/sg-guardrail';
import { installAwsFakes } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { runCli } from './deploy-helpers';

let fakes: AwsFakes;
beforeEach(() => {
  fakes = installAwsFakes();
});
afterEach(() => {
  expect(fakes.organization.calls()).toEqual([]);
  expect(fakes.stackSets.calls()).toEqual([]);
  fakes.restore();
});

const VERSION = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Each command with one mistake of every kind its options allow. */
const MISTAKES: [string, string[], RegExp][] = COMMANDS.flatMap((command) => {
  const { name } = command;
  const help = `See sg-guardrail ${name} --help\\.`;
  const cases: [string, string[], RegExp][] = [
    [`${name}: an unknown option`, [name, '--bogus'], new RegExp(`^sg-guardrail ${name}: unknown option --bogus\\. Fix: remove it\\. ${help}$`)],
    [`${name}: a stray argument`, [name, 'stray'], new RegExp(`^sg-guardrail ${name}: unexpected argument "stray"\\. Fix: .*${help}$`)],
    [`${name}: an unknown short option`, [name, '-Z'], new RegExp(`^sg-guardrail ${name}: unknown option -Z\\. Fix: .*${help}$`)],
  ];
  for (const [option, spec] of Object.entries(command.options)) {
    if (spec.type === 'string') {
      cases.push([`${name}: --${option} without its value`, [name, `--${option}`], new RegExp(`^sg-guardrail ${name}: --${option} needs a value\\. Fix: .*${help}$`)]);
    } else {
      cases.push([`${name}: --${option} with a value`, [name, `--${option}=yes`], new RegExp(`^sg-guardrail ${name}: --${option} takes no value\\. Fix: .*${help}$`)]);
    }
  }
  return cases;
});

describe('sg-guardrail usage mistakes', () => {
  it.each(MISTAKES)('%s: exit 1, one line with the fix and --help', async (_name, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(message), '']);
  });

  it.each([
    ['an unknown command', ['deploy'], /^sg-guardrail: unknown command "deploy"\. Fix: The commands are build, validate, plan, apply, status, compliance, publish, destroy\. See sg-guardrail --help\.$/],
    ['a misspelt command', ['plna'], /^sg-guardrail: unknown command "plna"\. Fix: did you mean plan\? .* See sg-guardrail --help\.$/],
    ['an unknown option before the command', ['--verbose'], /^sg-guardrail: unknown option "--verbose"\. Fix: .* See sg-guardrail --help\.$/],
  ])('%s: exit 1, one line', async (_name, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(message), '']);
  });

  it('no command prints the help and exits 1', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Usage: sg-guardrail <command>/);
  });
});

describe('sg-guardrail help and version', () => {
  it.each([['--help'], ['-h'], ['help']])('%s lists every command and exits 0', async (flag) => {
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command.name} `);
    expect(run.stdout).toContain('--version');
  });

  it.each(COMMANDS.flatMap((c) => [[c.name, '--help'], [c.name, '-h']]))('%s %s shows its usage, listing every option', async (name, flag) => {
    const command = COMMANDS.find((c) => c.name === name)!;
    const run = await runCli([name, flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${command.usage}\n`);
    for (const [option, spec] of Object.entries(command.options)) {
      expect(command.usage).toContain(spec.short === undefined ? `--${option}` : `-${spec.short}, --${option}`);
    }
    expect(command.usage).toContain('-h, --help');
  });

  it('help COMMAND shows that command\'s usage', async () => {
    const run = await runCli(['help', 'plan']);
    expect(run.stdout).toMatch(/^Usage: sg-guardrail plan -c FILE/);
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});
