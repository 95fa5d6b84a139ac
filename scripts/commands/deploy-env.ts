/** The real environment of plan/apply/status: process I/O, a terminal prompt, AWS from the SDK environment. */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createDeployContext } from '../../src/aws/deploy-context';
import { realSleep } from '../../src/aws/retry';
import type { CliIo, CommandEnv } from '../../src/deploy/commands';
import { buildTemplateBodies, readTemplateBodies } from '../../src/deploy/plan/template-bodies';

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

export { CONFIG_OPTION, parseCommandArgs, pollIntervalMs, requireConfig } from './command-args';
