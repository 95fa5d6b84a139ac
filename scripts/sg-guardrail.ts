/**
 * `sg-guardrail` CLI: a thin dispatcher over the subcommands in scripts/commands/. Each command parses
 * its own flags and calls into src/; errors from src/ are printed as their message, without a stack.
 */
import { GuardrailError } from '../src/errors';
import type { Command } from './command';
import { applyCommand } from './commands/apply';
import { buildCommand } from './commands/build';
import { complianceCommand } from './commands/compliance';
import { planCommand } from './commands/plan';
import { publishCommand } from './commands/publish';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';

const COMMANDS: readonly Command[] = [buildCommand, validateCommand, planCommand, applyCommand, statusCommand, complianceCommand, publishCommand];

function printHelp(): void {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  console.log(
    [
      'Usage: sg-guardrail <command> [options]',
      '',
      'Keeps EC2 security groups across an AWS Organization inside an allowed set of ingress rules.',
      '',
      'Commands:',
      ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      'Run `sg-guardrail <command> --help` for the options of one command.',
    ].join('\n'),
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`sg-guardrail: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof GuardrailError) {
      console.error(`sg-guardrail ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** Runs the CLI with the process arguments and sets the exit code. */
export function runCli(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runCli();
