/** The config a `build -c FILE` hands profiles off from, named the same wherever the build runs. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseDeployConfig, readConfigFile } from '../deploy/config/config';
import type { DeployConfig } from '../deploy/config/config-types';

export interface ProfileSource {
  readonly config: DeployConfig;
  /** The config by file name and content, not by path: `{ fileName: 'org.yaml', sha256: '1a2b…' }`. */
  readonly source: ConfigSource;
}

export interface ConfigSource {
  readonly fileName: string;
  /** The first 12 hex digits of the file's SHA-256. */
  readonly sha256: string;
}

export async function loadProfileSource(file: string): Promise<ProfileSource> {
  const text = await readConfigFile(file);
  const config = parseDeployConfig(text, file);
  return { config, source: describeConfigSource(file, text) };
}

export function describeConfigSource(file: string, text: string): ConfigSource {
  return { fileName: path.basename(file), sha256: createHash('sha256').update(text).digest('hex').slice(0, 12) };
}
