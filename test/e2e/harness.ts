/**
 * End-to-end harness: runs a handler given as JavaScript source (the bundled dist/handler/index.min.js,
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
 *   await h.invoke(scheduledEvent(), { environment: { GUARDRAIL_MATCHING: 'ceiling' }, context });
 *   h.ec2.ingressOf(group); h.config.latest(group); h.logLines();
 *   h.restore();                              // in afterEach
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { PutEvaluationsCommandInput } from '@aws-sdk/client-config-service';
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import type {
  AuthorizeSecurityGroupIngressCommandInput,
  DescribeSecurityGroupRulesCommandInput,
  DescribeSecurityGroupsCommandInput,
  ModifySecurityGroupRulesCommandInput,
  RevokeSecurityGroupIngressCommandInput,
} from '@aws-sdk/client-ec2';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  ModifySecurityGroupRulesCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { bundleHandler } from '../../src/build/build-runner';
import { ConfigFake } from './config-fake';
import type { Ec2FakeOptions } from './ec2-fake';
import { Ec2Fake } from './ec2-fake';

/** The part of the Lambda context the handler reads. */
export interface LambdaContextLike {
  getRemainingTimeInMillis(): number;
}

export interface HandlerModule {
  readonly handler: (event: unknown, context?: LambdaContextLike) => Promise<unknown>;
}

export interface InvokeOptions {
  /** The Lambda context (default: none, as when a test calls the function by hand). */
  readonly context?: LambdaContextLike;
  /** The function's Environment for this invocation (e.g. GUARDRAIL_SCOPE_TAG_KEY), set on process.env. */
  readonly environment?: Readonly<Record<string, string>>;
}

/** The in-memory EC2 and Config behind the real SDK clients, and the clients that sent to them. */
export interface WiredFakes {
  readonly ec2: Ec2Fake;
  readonly config: ConfigFake;
  /** Every SDK client instance that sent a command (so tests can check the clients' settings). */
  readonly clients: ReadonlySet<EC2Client | ConfigServiceClient>;
  /** AWS calls under way now, and the most under way at once (all, and EC2 writes alone). */
  readonly inFlight: { current: number; peak: number; writes: number; peakWrites: number };
  /** Removes the SDK mocks. */
  restore(): void;
}

/**
 * Routes every EC2 and Config command sent through the real SDK clients (their `send`, patched by
 * aws-sdk-client-mock) to fresh in-memory fakes. Used by the end-to-end harness and the benchmark.
 */
export function wireFakes(options: HarnessOptions = {}): WiredFakes {
  const ec2 = new Ec2Fake(options.ec2);
  const config = new ConfigFake();
  const clients = new Set<EC2Client | ConfigServiceClient>();
  const inFlight = { current: 0, peak: 0, writes: 0, peakWrites: 0 };
  const ec2Mock = mockClient(EC2Client);
  const configMock = mockClient(ConfigServiceClient);
  const latency = options.latency;
  // async: the real send returns a promise, so a fake's throw must become a rejection. The call
  // takes effect when the latency has passed, as a request does when it reaches EC2.
  const route =
    <I, O>(fake: (input: I) => O, write = false) =>
    async (input: I, getClient: () => unknown): Promise<O> => {
      clients.add(getClient() as EC2Client | ConfigServiceClient);
      inFlight.current += 1;
      inFlight.peak = Math.max(inFlight.peak, inFlight.current);
      if (write) inFlight.peakWrites = Math.max(inFlight.peakWrites, (inFlight.writes += 1));
      try {
        if (latency !== undefined) await latency.sleep(latency.ms);
        return fake(input);
      } finally {
        inFlight.current -= 1;
        if (write) inFlight.writes -= 1;
      }
    };
  ec2Mock.on(DescribeSecurityGroupsCommand).callsFake(route((input: DescribeSecurityGroupsCommandInput) => ec2.describeSecurityGroups(input)));
  ec2Mock.on(DescribeSecurityGroupRulesCommand).callsFake(route((input: DescribeSecurityGroupRulesCommandInput) => ec2.describeSecurityGroupRules(input)));
  ec2Mock.on(AuthorizeSecurityGroupIngressCommand).callsFake(route((input: AuthorizeSecurityGroupIngressCommandInput) => ec2.authorizeSecurityGroupIngress(input), true));
  ec2Mock.on(RevokeSecurityGroupIngressCommand).callsFake(route((input: RevokeSecurityGroupIngressCommandInput) => ec2.revokeSecurityGroupIngress(input), true));
  ec2Mock.on(ModifySecurityGroupRulesCommand).callsFake(route((input: ModifySecurityGroupRulesCommandInput) => ec2.modifySecurityGroupRules(input), true));
  configMock.on(PutEvaluationsCommand).callsFake(route((input: PutEvaluationsCommandInput) => config.putEvaluations(input)));
  return {
    ec2,
    config,
    clients,
    inFlight,
    restore() {
      ec2Mock.restore();
      configMock.restore();
    },
  };
}

export interface Harness extends Omit<WiredFakes, 'restore'> {
  /** The loaded module (loaded once, like one warm Lambda container). */
  readonly module: HandlerModule;
  /** Invokes `handler(event, context)` with the environment set, capturing what it writes to stdout. */
  invoke(event: unknown, options?: InvokeOptions): Promise<unknown>;
  /** Every stdout line the handler wrote, parsed as JSON. */
  logLines(): Record<string, unknown>[];
  /** Removes the SDK mocks; call it in afterEach. */
  restore(): void;
}

export interface HarnessOptions {
  readonly ec2?: Ec2FakeOptions;
  /** Every AWS call waits `ms` (through `sleep`: the benchmark's virtual clock) before the fake answers. */
  readonly latency?: { readonly ms: number; readonly sleep: (ms: number) => Promise<void> };
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
  const fakes = wireFakes(options);
  const module = loadHandlerSource(source);
  const output: string[] = [];

  return {
    ec2: fakes.ec2,
    config: fakes.config,
    clients: fakes.clients,
    inFlight: fakes.inFlight,
    module,
    async invoke(event, { context, environment = {} } = {}) {
      const write = process.stdout.write.bind(process.stdout);
      const saved = Object.keys(environment).map((key) => [key, process.env[key]] as const);
      Object.assign(process.env, environment);
      process.stdout.write = ((chunk: string | Uint8Array): boolean => {
        output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      });
      try {
        return await (context === undefined ? module.handler(event) : module.handler(event, context));
      } finally {
        process.stdout.write = write;
        for (const [key, value] of saved) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
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
      fakes.restore();
    },
  };
}

/** The lab's default group: all traffic from itself plus tcp 80, 443, 465 and 993 from 0.0.0.0/0. */
export const LAB_INGRESS = ['all@self', '80@0.0.0.0/0', '443@0.0.0.0/0', '465@0.0.0.0/0', '993@0.0.0.0/0'] as const;
/** What the lab's group must end with under the default parameters. */
export const LAB_RESULT = ['tcp:443@0.0.0.0/0', 'tcp:443@::/0', 'tcp:80@0.0.0.0/0', 'tcp:80@::/0'] as const;

/**
 * For a test file: bundles the handler once (beforeAll, exactly as `npm run build` builds
 * dist/handler/index.min.js) and gives each test a fresh harness (beforeEach / afterEach).
 * Returns the current test's harness.
 */
export function useBundledHarness(options: HarnessOptions = {}): () => Harness {
  let source = '';
  let current: Harness | undefined;
  beforeAll(async () => {
    source = await bundleHandler(path.resolve(__dirname, '..', '..'));
  }, 60_000);
  beforeEach(() => {
    current = startHarness(source, options);
  });
  afterEach(() => {
    current?.restore();
  });
  return () => {
    if (current === undefined) throw new TypeError('useBundledHarness: no harness outside a test.');
    return current;
  };
}
