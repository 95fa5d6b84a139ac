/**
 * esbuild options for the Lambda bundle, as a pure function (the aws-cdk bundling pattern): the
 * options are data that tests can check; `bundleHandler` in build-runner.ts runs them.
 */
import type { BuildOptions } from 'esbuild';

/** The handler files of dist/ (paths relative to it): the minified copy the templates inline, and the same bundle unminified for review. */
export const HANDLER_FILES = { inlined: 'handler/index.min.js', readable: 'handler/index.js' } as const;

/** The Lambda runtime the templates declare; the bundle's target follows it. */
export const LAMBDA_RUNTIME = 'nodejs24.x';

export interface HandlerBundleProps {
  /** Absolute path of handler/index.ts. */
  readonly entryPoint: string;
  /** The output file's name (index.js: CloudFormation writes Code.ZipFile as index.js). */
  readonly outfile: string;
  /**
   * Minified (default): the copy the templates inline, where every byte counts against the 51,200-byte
   * TemplateBody. Unminified: the same bundle for people to read (dist/handler/index.js).
   */
  readonly minify?: boolean;
}

export function buildHandlerBundleOptions(props: HandlerBundleProps): BuildOptions {
  return {
    entryPoints: [props.entryPoint],
    outfile: props.outfile,
    bundle: true,
    // CloudFormation writes Code.ZipFile to index.js, so the bundle must be CommonJS.
    format: 'cjs',
    platform: 'node',
    target: `node${LAMBDA_RUNTIME.replace(/^nodejs(\d+)\.x$/, '$1')}`,
    minify: props.minify ?? true,
    // No keepNames: it costs ~2.5 KB of the 51,200-byte template; the error classes that logs and
    // Lambda's error type show name themselves (src/errors.ts).
    // Every Node.js Lambda runtime since nodejs18.x ships SDK v3; bundling it would blow the
    // 51,200-byte TemplateBody limit the inline code has to fit in.
    external: ['@aws-sdk/*'],
    // Deterministic output: no source map comments, no absolute paths, no timestamps.
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    write: false,
  };
}
