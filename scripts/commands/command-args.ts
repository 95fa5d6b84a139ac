/**
 * Argument parsing shared by the commands, free of AWS imports so an offline command (validate)
 * loads no SDK module.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { ConfigError } from '../../src/errors';

export const CONFIG_OPTION = { config: { type: 'string', short: 'c' } } as const;

/** parseArgs, strict, with a usage mistake (unknown option, stray argument) as a ConfigError naming the fix. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: readonly string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true }>>['values'] {
  try {
    return parseArgs({ args: [...args], options, strict: true }).values;
  } catch (error) {
    const stray = args.find((a) => !a.startsWith('-'));
    // Node's parseArgs errors may come from another realm (jest's vm): read `message` structurally.
    const message = (error as { message?: unknown } | null)?.message;
    throw new ConfigError(typeof message === 'string' ? message.replace(/\.?$/, '.') : String(error), {
      where: 'arguments',
      fix: /positional/i.test(String(error)) && stray !== undefined ? `give the config file with -c: sg-guardrail ${command} -c ${stray}.` : `see sg-guardrail ${command} --help for the options.`,
      cause: error,
    });
  }
}

/** `-c FILE` is required by every deploy command. */
export function requireConfig(value: string | undefined, command: string): string {
  if (value === undefined) {
    throw new ConfigError('no config file given.', { where: '-c', fix: `pass -c FILE, e.g. sg-guardrail ${command} -c examples/organization.yaml.` });
  }
  return value;
}

/** `--poll-seconds N` (default 10): how often running operations are polled. */
export function pollIntervalMs(value: string | undefined): number {
  const seconds = value === undefined ? 10 : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new ConfigError(`"${value}" is not a number of seconds.`, { where: '--poll-seconds', fix: 'pass a number such as 10 (0 polls without waiting).' });
  }
  return seconds * 1000;
}
