/**
 * The real environment of plan/apply/status: process I/O, a terminal prompt, AWS from the SDK
 * environment. Commands import it on demand: it loads the SDK.
 */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createDeployContext } from '../../src/aws/deploy-context';
import { realSleep } from '../../src/aws/retry';
import { replaceNodeVersionWarning } from '../../src/aws/sdk-environment';
import type { CliIo, CommandEnv } from '../../src/deploy/commands';
import { buildTemplateBodies, readTemplateBodies } from '../../src/deploy/plan/template-bodies';
import { findProjectRoot } from '../../src/project';

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

/** Call before the first SDK client, which would print the SDK's nine-line Node-version warning instead. */
export function announceSdkEnvironment(): void {
  const note = replaceNodeVersionWarning(process.env);
  if (note !== undefined) process.stderr.write(`sg-guardrail: ${note}\n`);
}

export function deployEnv(): CommandEnv {
  return {
    io: processIo(),
    createContext: (config) => {
      announceSdkEnvironment();
      return createDeployContext(config.callAs);
    },
    loadTemplates: (dir) => (dir === undefined ? buildTemplateBodies(findProjectRoot()) : readTemplateBodies(path.resolve(dir))),
  };
}
