import path from 'node:path';
import { bundleHandler } from '../../../src/build/build-runner';
import { buildHandlerBundleOptions, LAMBDA_RUNTIME } from '../../../src/build/handler-bundle';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The inline code shares CloudFormation's 51,200-byte TemplateBody with the rest of the template. */
const BUNDLE_BUDGET_BYTES = 32 * 1024;

describe('buildHandlerBundleOptions', () => {
  it('is pure data: CommonJS for index.js, the runtime as target, minified, SDK external, no source map', () => {
    expect(buildHandlerBundleOptions({ entryPoint: '/repo/handler/index.ts', outfile: '/repo/dist/handler/index.js' })).toEqual({
      entryPoints: ['/repo/handler/index.ts'],
      outfile: '/repo/dist/handler/index.js',
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node24',
      minify: true,
      external: ['@aws-sdk/*'],
      sourcemap: false,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
      write: false,
    });
  });

  it('unminified on request (dist/handler/index.js, for review), otherwise the same', () => {
    const props = { entryPoint: '/repo/handler/index.ts', outfile: 'index.js' };
    expect(buildHandlerBundleOptions({ ...props, minify: false })).toEqual({ ...buildHandlerBundleOptions(props), minify: false });
  });

  it('derives the target from the Lambda runtime', () => {
    expect(LAMBDA_RUNTIME).toBe('nodejs24.x');
    expect(buildHandlerBundleOptions({ entryPoint: 'a', outfile: 'b' }).target).toBe(`node${LAMBDA_RUNTIME.slice('nodejs'.length, -'.x'.length)}`);
  });
});

describe('bundleHandler', () => {
  let first = '';
  beforeAll(async () => {
    first = await bundleHandler(ROOT);
  }, 60_000);

  it('is deterministic: two builds give identical bytes', async () => {
    expect(await bundleHandler(ROOT)).toBe(first);
  }, 60_000);

  it(`stays within ${BUNDLE_BUDGET_BYTES} bytes`, () => {
    expect(Buffer.byteLength(first)).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });

  it('requires only the SDK clients the runtime provides, and carries no absolute paths', () => {
    const required = [...new Set([...first.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
    expect(required).toEqual(['@aws-sdk/client-config-service', '@aws-sdk/client-ec2']);
    expect(first).not.toContain(ROOT);
  });

  it('exports handler as CommonJS', () => {
    expect(first).toMatch(/module\.exports=/);
    expect(first).toContain('handler:');
  });
});
