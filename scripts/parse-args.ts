/**
 * A command's arguments against its declared options. Every usage mistake (an unknown option, a
 * stray argument, an option without its value, a value given to a flag) is a UsageError with one
 * line that names the fix and `--help`, never Node's parseArgs error with its stack.
 */
import { parseArgs } from 'node:util';
import { closestMatches, editDistance } from '../src/deploy/org/closest';
import { UsageError } from '../src/errors';
import type { Command, OptionSpecs, OptionValues } from './command';

/** `--name` and, where it has one, `-x`, as a user writes them. */
function spellings(options: OptionSpecs): string[] {
  return Object.entries(options).flatMap(([name, spec]) => [`--${name}`, ...(spec.short === undefined ? [] : [`-${spec.short}`])]);
}

/** `did you mean --json?` when a declared option is one or two edits away, else `remove it.` */
function didYouMean(word: string, candidates: readonly string[]): string {
  const [best] = closestMatches(word, candidates, 1);
  return best !== undefined && editDistance(word, best) <= 2 ? `did you mean ${best}?` : 'remove it.';
}

export interface ParseCommandArgsProps {
  readonly command: Pick<Command, 'name' | 'options'>;
  readonly args: readonly string[];
  /** The fix for a stray argument (default: remove it), a sentence; e.g. "give the config file with -c: …". */
  readonly strayFix?: (argument: string) => string;
}

/** Parses `args` strictly; throws a UsageError naming the fix for any mistake (the caller prefixes the command). */
export function parseCommandArgs<O extends OptionSpecs>(props: ParseCommandArgsProps & { readonly command: { readonly options: O } }): OptionValues<O> {
  const { command, args } = props;
  const help = `See sg-guardrail ${command.name} --help.`;
  const usage = (what: string, fix: string): UsageError => new UsageError(what, { fix: `${fix} ${help}` });
  // Non-strict first, for the tokens: every mistake is then ours to name, in one line.
  const { tokens } = parseArgs({ args: [...args], options: command.options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      throw usage(`unexpected argument "${token.value}".`, props.strayFix?.(token.value) ?? 'remove it.');
    }
    if (token.kind !== 'option') continue;
    const spec = command.options[token.name];
    if (spec === undefined) {
      throw usage(`unknown option ${token.rawName}.`, didYouMean(token.rawName, spellings(command.options)));
    }
    if (spec.type === 'string' && token.value === undefined) {
      throw usage(`${token.rawName} needs a value.`, `write the value after it (${token.rawName} VALUE).`);
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw usage(`${token.rawName} takes no value.`, `write ${token.rawName} alone.`);
    }
  }
  try {
    return parseArgs({ args: [...args], options: command.options, strict: true }).values;
  } catch (error) {
    // Only what the token walk above cannot see (none known): still one line, with the help.
    const message = (error as { message?: unknown } | null)?.message;
    throw new UsageError(typeof message === 'string' ? (message.split('\n')[0] ?? message) : String(error), { fix: help, cause: error });
  }
}
