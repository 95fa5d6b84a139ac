/** The contract every subcommand of `sg-guardrail` fulfils. */
import type { ParseArgsConfig, parseArgs } from 'node:util';

/** A command's options, as node:util parseArgs declares them. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The values parseArgs returns for `O` (strict: only declared options, no positionals). */
export type OptionValues<O extends OptionSpecs> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true }>>['values'];

export interface Command<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** One line for `sg-guardrail --help`. */
  readonly summary: string;
  /** The full usage text for `sg-guardrail NAME --help`. */
  readonly usage: string;
  /** Every option it takes; the dispatcher rejects anything else before `run` (scripts/parse-args.ts). */
  readonly options: O;
  /** The fix for a stray argument, as a sentence (default: remove it). */
  readonly strayArgumentFix?: (argument: string) => string;
  /**
   * Runs the command; resolves to the process exit code. It imports what it needs inside (`await
   * import(...)`), so `--help`, `--version` and the other commands load none of it (no SDK, esbuild,
   * yaml or ajv): the compiled CLI keeps such imports lazy.
   */
  run(values: OptionValues<O>): Promise<number>;
}

/** Declares a command with its option types inferred from `options`. */
export function defineCommand<O extends OptionSpecs>(command: Command<O>): Command {
  return command;
}
