/** Runs the build: bundles the handler (and, as they land, renders the templates) into dist/. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { BuildError } from '../errors';
import { readProjectVersion } from '../project';
import { buildHandlerBundleOptions } from './handler-bundle';
import { renderTemplateFiles } from './template-files';

export interface BuildResult {
  /** Files written, relative to the output directory, with their size in bytes. */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
}

export interface BuildProps {
  readonly rootDir: string;
  readonly outDir: string;
}

/** Bundles handler/index.ts; returns the code rather than reading it back from disk. */
export async function bundleHandler(rootDir: string): Promise<string> {
  const options = buildHandlerBundleOptions({
    entryPoint: path.join(rootDir, 'handler', 'index.ts'),
    outfile: 'index.js',
  });
  try {
    const result = await build({ ...options, absWorkingDir: rootDir });
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
  const handlerCode = await bundleHandler(props.rootDir);
  // Render (and size-check) every template before writing anything, so a failed build leaves no
  // half-written dist/.
  const templates = renderTemplateFiles({ handlerCode, version: readProjectVersion(props.rootDir) });
  await write(path.join('handler', 'index.js'), handlerCode);
  for (const file of templates) await write(path.join(...file.path.split('/')), file.content);
  return { files };
}
