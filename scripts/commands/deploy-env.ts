/** The real environment of plan/apply/status: process I/O, a terminal prompt, AWS from the SDK environment. */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { createDeployContext } from '../../src/aws/deploy-context';
import { realSleep } from '../../src/aws/retry';
import type { CliIo, CommandEnv } from '../../src/deploy/commands';
import { buildTemplateBodies, readTemplateBodies } from '../../src/deploy/plan/template-bodies';
import { ConfigError } from '../../src/errors';

const ROOT_DIR = path.resolve(__dirname, '..', '..');

async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

export function processIo(): CliIo {
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    confirm: interactive ? confirmOnTerminal : undefined,
    sleep: realSleep,
    now: () => new Date(),
  };
}

export function deployEnv(): CommandEnv {
  return {
    io: processIo(),
    createContext: (config) => createDeployContext(config.callAs),
    loadTemplates: (dir) => (dir === undefined ? buildTemplateBodies(ROOT_DIR) : readTemplateBodies(path.resolve(dir))),
  };
}

/** The help footer of plan, apply and status: where to run and which AWS settings apply. */
export const AWS_ENVIRONMENT_HELP = [
  '',
  'Run it with credentials of the management account (callAs: SELF) or of a registered StackSets',
  'delegated administrator (callAs: DELEGATED_ADMIN). AWS settings come from the standard SDK',
  'environment: AWS_PROFILE, AWS_REGION (the region the stack sets are administered in: use the same',
  'one every time), AWS_ENDPOINT_URL. Permissions: README.md, "Prerequisites and IAM permissions".',
].join('\n');

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
