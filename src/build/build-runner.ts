/** Runs the build: bundles the handler and renders the templates (and, with a config, each profile's) into dist/. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import type { DeployConfig } from '../deploy/config/config-types';
import { BuildError } from '../errors';
import { readProjectVersion } from '../project';
import { HANDLER_FILES, buildHandlerBundleOptions } from './handler-bundle';
import { renderProfileTemplateFiles } from './profile-templates';
import { renderTemplateFiles } from './template-files';

export interface BuildResult {
  /** Files written, relative to the output directory, with their size in bytes. */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
}

export interface BuildProps {
  readonly rootDir: string;
  readonly outDir: string;
  /** `build -c FILE`: also the hand-off templates of each profile (dist/profiles/). */
  readonly profiles?: { readonly config: DeployConfig; readonly source: { readonly fileName: string; readonly sha256: string } };
}

/** Bundles handler/index.ts (minified unless `minify: false`); returns the code rather than reading it back from disk. */
export async function bundleHandler(rootDir: string, options: { readonly minify?: boolean } = {}): Promise<string> {
  const bundleOptions = buildHandlerBundleOptions({
    entryPoint: path.join(rootDir, 'handler', 'index.ts'),
    outfile: 'index.js',
    minify: options.minify,
  });
  try {
    const result = await build({ ...bundleOptions, absWorkingDir: rootDir });
    const output = result.outputFiles?.[0];
    if (output === undefined) throw new BuildError('esbuild produced no output.', { where: 'handler/index.ts' });
    return output.text;
  } catch (error) {
    if (error instanceof BuildError) throw error;
    throw new BuildError('bundling the handler failed.', { where: 'handler/index.ts', fix: 'run `npm run typecheck` and fix the errors it shows.', cause: error });
  }
}

export async function runBuild(props: BuildProps): Promise<BuildResult> {
  const files: { path: string; bytes: number }[] = [];
  const write = async (relative: string, content: string): Promise<void> => {
    const target = path.join(props.outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    files.push({ path: relative, bytes: Buffer.byteLength(content) });
  };
  const [handlerCode, readableCode] = await Promise.all([bundleHandler(props.rootDir), bundleHandler(props.rootDir, { minify: false })]);
  // Render (and size-check) every template before writing anything, so a failed build leaves no
  // half-written dist/.
  const version = readProjectVersion(props.rootDir);
  const templates = [
    ...renderTemplateFiles({ handlerCode, version }),
    ...(props.profiles === undefined ? [] : renderProfileTemplateFiles({ handlerCode, version, ...props.profiles })),
  ];
  // A profile removed from the config must not leave its old hand-off templates behind.
  if (props.profiles !== undefined) await rm(path.join(props.outDir, 'profiles'), { recursive: true, force: true });
  // The inlined copy, byte for byte (its SHA-256 is in the templates' headers), and the same bundle
  // unminified for review.
  await write(path.join(...HANDLER_FILES.inlined.split('/')), handlerCode);
  await write(path.join(...HANDLER_FILES.readable.split('/')), readableCode);
  for (const file of templates) await write(path.join(...file.path.split('/')), file.content);
  return { files };
}
