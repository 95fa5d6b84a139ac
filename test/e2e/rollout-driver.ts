/**
 * Drives apply and plan the way a user does (the real commands, SDK clients and fakes) for the
 * convergence tests: an apply can be interrupted at its n-th wait, and every run's output is kept.
 */
import { createDeployContext } from '../../src/aws/deploy-context';
import { parseDeployConfig } from '../../src/deploy/config/config';
import type { DeployConfig } from '../../src/deploy/config/config-types';
import type { CommandEnv } from '../../src/deploy/commands';
import { runApplyCommand, runPlanCommand } from '../../src/deploy/commands';
import { runDestroyCommand } from '../../src/deploy/destroy/destroy-command';
import type { Plan } from '../../src/deploy/plan/plan-types';
import { readTemplateBodies } from '../../src/deploy/plan/template-bodies';
import type { Workspace } from './deploy-helpers';

export class Interrupted extends Error {
  override name = 'Interrupted';
}

export interface RunResult {
  readonly code: number | 'interrupted';
  readonly output: string;
}

export interface ApplyRun {
  readonly yaml: string;
  readonly prune?: boolean;
  readonly adopt?: boolean;
  /** Throw at this wait between two polls (0 = the first), as Ctrl-C would. */
  readonly interruptAtWait?: number;
}

export class RolloutDriver {
  constructor(private readonly ws: Workspace) {}

  private env(out: (t: string) => void, interruptAtWait: number | undefined): CommandEnv {
    let waits = 0;
    return {
      io: {
        out,
        err: out,
        isTTY: false,
        confirm: undefined,
        sleep: async () => {
          if (interruptAtWait !== undefined && waits === interruptAtWait) throw new Interrupted('interrupted');
          waits += 1;
        },
        now: () => new Date('2026-06-01T00:00:00Z'),
      },
      createContext: (config) => createDeployContext(config.callAs),
      loadTemplates: () => readTemplateBodies(this.ws.templatesDir),
    };
  }

  async apply(run: ApplyRun): Promise<RunResult> {
    let output = '';
    const file = this.ws.writeConfig(run.yaml);
    const options = { configFile: file, templatesDir: this.ws.templatesDir, prune: run.prune === true, adopt: run.adopt === true, yes: true, pollIntervalMs: 0 };
    try {
      const code = await runApplyCommand(options, this.env((t) => void (output += t), run.interruptAtWait));
      return { code, output };
    } catch (error) {
      if (error instanceof Interrupted) return { code: 'interrupted', output };
      throw error;
    }
  }

  async destroy(run: { yaml: string; keepBaseline?: boolean }): Promise<RunResult> {
    let output = '';
    const file = this.ws.writeConfig(run.yaml);
    const code = await runDestroyCommand({ configFile: file, keepBaseline: run.keepBaseline === true, yes: true, pollIntervalMs: 0 }, this.env((t) => void (output += t), undefined));
    return { code, output };
  }

  /** `plan --json` of the config. */
  async plan(yaml: string, options: { prune?: boolean; adopt?: boolean } = {}): Promise<Plan> {
    let output = '';
    const file = this.ws.writeConfig(yaml);
    await runPlanCommand({ configFile: file, templatesDir: this.ws.templatesDir, prune: options.prune === true, adopt: options.adopt === true, json: true }, this.env((t) => void (output += t), undefined));
    return JSON.parse(output) as Plan;
  }

  config(yaml: string): DeployConfig {
    return parseDeployConfig(yaml, 'org.yaml');
  }
}
