/** The real environment of plan/apply/status: process I/O, a terminal prompt, AWS from the SDK environment. */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createDeployContext } from '../../src/aws/deploy-context';
import { realSleep } from '../../src/aws/retry';
import type { CliIo, CommandEnv } from '../../src/deploy/commands';
import { buildTemplateBodies, readTemplateBodies } from '../../src/deploy/template-bodies';
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

export const CONFIG_OPTION = { config: { type: 'string', short: 'c' } } as const;

/** `-c FILE` is required by every deploy command. */
export function requireConfig(value: string | undefined, command: string): string {
  if (value === undefined) {
    throw new ConfigError('no config file given.', { where: `sg-guardrail ${command}`, fix: `pass -c FILE, e.g. sg-guardrail ${command} -c examples/organization.yaml.` });
  }
  return value;
}

/** `--poll-seconds N` (default 10): how often running operations are polled. */
export function pollIntervalMs(value: string | undefined): number {
  const seconds = value === undefined ? 10 : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new ConfigError(`--poll-seconds "${value}" is not a number of seconds.`, { where: '--poll-seconds', fix: 'pass a number such as 10 (0 polls without waiting).' });
  }
  return seconds * 1000;
}
