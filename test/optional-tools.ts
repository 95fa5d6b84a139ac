/**
 * Tests that need a tool outside Node.js (cfn-lint, Java). Where the tool is missing they are
 * skipped under a title that says which tool and how to install it, and test/skipped-reporter.cjs
 * lists them under the jest summary: never a silent pass. Where REQUIRE_OPTIONAL_TOOLS=1 (.ci/run
 * sets it), a missing tool is a failing test instead, so CI always runs them.
 * The probe only looks the command up on PATH (no process start: `cfn-lint --version` alone takes
 * ~1.7 s); a tool that is found but broken fails its tests.
 */
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface OptionalTool {
  readonly name: string;
  /** The executable, or undefined where it is not installed. */
  readonly command: string | undefined;
  readonly install: string;
}

/** The first executable `name` on PATH or in `extraDirs`, without running it. */
export function findExecutable(name: string, extraDirs: readonly string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter((d) => d !== ''), ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export const CFN_LINT: OptionalTool = {
  name: 'cfn-lint',
  // pyenv's shims directory too: a shell without pyenv's init lacks it on PATH.
  command: findExecutable('cfn-lint', [path.join(os.homedir(), '.pyenv', 'shims')]),
  install: 'pip install cfn-lint',
};

export const JAVA: OptionalTool = {
  name: 'java',
  command: findExecutable('java'),
  install: 'install a JDK 11 or later, e.g. apt-get install openjdk-17-jdk-headless',
};

/** Set by .ci/run: a missing optional tool fails the run. */
export const TOOLS_REQUIRED = process.env.REQUIRE_OPTIONAL_TOOLS === '1';

/** `describe`, skipped with the reason in its title where `tool` is missing (failing where tools are required). */
export function describeWithTool(tool: OptionalTool, title: string, body: () => void): void {
  if (tool.command !== undefined) {
    describe(title, body);
  } else if (TOOLS_REQUIRED) {
    describe(title, () => {
      it(`needs ${tool.name}`, () => {
        throw new Error(`${tool.name} is not installed, and REQUIRE_OPTIONAL_TOOLS=1 requires it. Fix: ${tool.install}.`);
      });
    });
  } else {
    describe.skip(`${title} [skipped: ${tool.name} is not installed; ${tool.install}]`, body);
  }
}
