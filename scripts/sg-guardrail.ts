/**
 * `sg-guardrail` CLI: a thin dispatcher over the subcommands in scripts/commands/. It parses each
 * command's options (scripts/parse-args.ts) and runs it; a command loads what it needs only when it
 * runs. Errors from src/ print as their one-line message (what, where, fix), without a stack.
 * `npm run build` compiles this file to dist/cli/sg-guardrail.js, which bin/sg-guardrail.cjs runs.
 */
import { closestMatches, editDistance } from '../src/deploy/org/closest';
import { GuardrailError, UsageError } from '../src/errors';
import { readProjectVersion } from '../src/project';
import type { Command } from './command';
import { applyCommand } from './commands/apply';
import { buildCommand } from './commands/build';
import { complianceCommand } from './commands/compliance';
import { destroyCommand } from './commands/destroy';
import { planCommand } from './commands/plan';
import { publishCommand } from './commands/publish';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';
import { parseCommandArgs } from './parse-args';

export const COMMANDS: readonly Command[] = [buildCommand, validateCommand, planCommand, applyCommand, statusCommand, complianceCommand, publishCommand, destroyCommand];
const HELP_FLAGS = new Set(['--help', '-h']);

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: sg-guardrail <command> [options]',
    '',
    'Keeps EC2 security groups across an AWS Organization inside an allowed set of ingress rules.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (`sg-guardrail <command> --help`: the options of one command)',
    '  --version      print the version',
    '',
    'A usage mistake exits 1 with the fix.',
  ].join('\n');
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command !== undefined) return command;
  const [closest] = closestMatches(name, COMMANDS.map((c) => c.name), 1);
  const suggestion = closest !== undefined && editDistance(name, closest) <= 2 ? `did you mean ${closest}? ` : '';
  const known = COMMANDS.map((c) => c.name).join(', ');
  throw new UsageError(`unknown ${name.startsWith('-') ? 'option' : 'command'} "${name}".`, {
    fix: `${suggestion}The commands are ${known}. See sg-guardrail --help.`,
  });
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP_FLAGS.has(name) || name === 'help') {
    const topic = name === 'help' && rest[0] !== undefined ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    console.log(topic?.usage ?? helpText());
    // No command at all is a usage mistake: the help is the fix.
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    console.log(readProjectVersion());
    return 0;
  }
  let prefix = 'sg-guardrail';
  try {
    const command = findCommand(name);
    prefix = `sg-guardrail ${command.name}`;
    if (rest.some((arg) => HELP_FLAGS.has(arg))) {
      console.log(command.usage);
      return 0;
    }
    const values = parseCommandArgs({ command, args: rest, strayFix: command.strayArgumentFix });
    return await command.run(values);
  } catch (error) {
    if (!(error instanceof GuardrailError)) throw error;
    console.error(`${prefix}: ${error.message}`);
    return 1;
  }
}

/** Runs the CLI with the process arguments and sets the exit code. */
export function runCli(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Not a GuardrailError: a bug, so the stack is worth showing.
      console.error(error);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runCli();
