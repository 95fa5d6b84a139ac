/**
 * End-to-end harness: runs a handler given as JavaScript source (the bundled dist/handler/index.js,
 * or the code a template inlines in Code.ZipFile) as `index.js`, against a fresh in-memory EC2
 * (Ec2Fake) and Config (ConfigFake) wired into the real SDK clients through aws-sdk-client-mock.
 *
 * The source's `require` resolves through this module, so `@aws-sdk/client-ec2` is the very module
 * the mocks patch; anything else a bundle requires, except Node built-ins, fails the way a missing
 * module would fail in Lambda.
 *
 *   const h = startHarness(source);           // fresh fakes, handler loaded as index.js
 *   const group = h.ec2.addGroup({ ingress: ['all@self', 'tcp:80@0.0.0.0/0'] });
 *   await h.invoke(changeEvent(group));       // events from test/e2e/events.ts
 *   h.ec2.ingressOf(group); h.config.latest(group); h.logLines();
 *   h.restore();                              // in afterEach
 */
import { builtinModules } from 'node:module';
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigFake } from './config-fake';
import type { Ec2FakeOptions } from './ec2-fake';
import { Ec2Fake } from './ec2-fake';

export interface HandlerModule {
  readonly handler: (event: unknown) => Promise<unknown>;
}

export interface Harness {
  readonly ec2: Ec2Fake;
  readonly config: ConfigFake;
  /** The loaded module (loaded once, like one warm Lambda container). */
  readonly module: HandlerModule;
  /** Invokes `handler(event)`, capturing what it writes to stdout. */
  invoke(event: unknown): Promise<unknown>;
  /** Every stdout line the handler wrote, parsed as JSON. */
  logLines(): Record<string, unknown>[];
  /** Removes the SDK mocks; call it in afterEach. */
  restore(): void;
}

export interface HarnessOptions {
  readonly ec2?: Ec2FakeOptions;
}

const LAMBDA_TASK_ROOT = '/var/task';

/** Loads CommonJS source as `/var/task/index.js`; only `@aws-sdk/*` and Node built-ins resolve. */
export function loadHandlerSource(source: string): HandlerModule {
  const module = { exports: {} as Record<string, unknown> };
  const sandboxRequire = (id: string): unknown => {
    if (id.startsWith('@aws-sdk/') || id.startsWith('node:') || builtinModules.includes(id)) {
      // This module's own require (jest's registry), not createRequire: the mocks patch these instances.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(id) as unknown;
    }
    throw new Error(`Cannot find module '${id}' from '${LAMBDA_TASK_ROOT}/index.js': the Lambda runtime provides only Node built-ins and @aws-sdk/*.`);
  };
  // Function (not vm) keeps the code in this realm, so Date and Error are the ones the tests use.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('exports', 'require', 'module', '__filename', '__dirname', source) as (...args: unknown[]) => void;
  run(module.exports, sandboxRequire, module, `${LAMBDA_TASK_ROOT}/index.js`, LAMBDA_TASK_ROOT);
  const handler = module.exports.handler;
  if (typeof handler !== 'function') throw new TypeError('index.js does not export a function named handler.');
  return { handler: handler as HandlerModule['handler'] };
}

export function startHarness(source: string, options: HarnessOptions = {}): Harness {
  const ec2 = new Ec2Fake(options.ec2);
  const config = new ConfigFake();
  const ec2Mock = mockClient(EC2Client);
  const configMock = mockClient(ConfigServiceClient);
  ec2Mock.on(DescribeSecurityGroupsCommand).callsFake(async (input) => ec2.describeSecurityGroups(input));
  ec2Mock.on(DescribeSecurityGroupRulesCommand).callsFake(async (input) => ec2.describeSecurityGroupRules(input));
  ec2Mock.on(AuthorizeSecurityGroupIngressCommand).callsFake(async (input) => ec2.authorizeSecurityGroupIngress(input));
  ec2Mock.on(RevokeSecurityGroupIngressCommand).callsFake(async (input) => ec2.revokeSecurityGroupIngress(input));
  // async: the real send returns a promise, so a fake's throw must become a rejection.
  configMock.on(PutEvaluationsCommand).callsFake(async (input) => config.putEvaluations(input));
  const module = loadHandlerSource(source);
  const output: string[] = [];

  return {
    ec2,
    config,
    module,
    async invoke(event) {
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array): boolean => {
        output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      });
      try {
        return await module.handler(event);
      } finally {
        process.stdout.write = write;
      }
    },
    logLines() {
      return output
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    restore() {
      ec2Mock.restore();
      configMock.restore();
    },
  };
}
