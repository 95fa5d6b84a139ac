/**
 * The AWS regions the installed SDK knows, from its own partition data: the table its endpoint
 * resolution reads (`partition(region)` in @aws-sdk/core/client; AWS publishes it as partitions.json
 * in the SDKs' endpoint rules). Read as data, not as SDK code, so config checks load no client: a new
 * region needs an SDK update, not an edit here. test/unit/deploy/aws-regions.test.ts holds this list
 * to the SDK's `partition()` answers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../errors';

export interface AwsRegion {
  readonly name: string;
  /** e.g. "Europe (Ireland)". */
  readonly description: string;
  /** aws, aws-cn, aws-us-gov, … */
  readonly partition: string;
}

interface PartitionsInfo {
  readonly partitions: readonly { readonly id: string; readonly regions: Readonly<Record<string, { readonly description?: string }>> }[];
}

/** Where @aws-sdk/core keeps the partition table (an ES module: `export const partitionsInfo = {…}`). */
const PARTITIONS_FILE = ['dist-es', 'submodules', 'client', 'util-endpoints', 'lib', 'aws', 'partitions.js'];

let cached: ReadonlyMap<string, AwsRegion> | undefined;

/** Every region of every partition, by name. */
export function awsRegions(): ReadonlyMap<string, AwsRegion> {
  if (cached !== undefined) return cached;
  let file = '';
  try {
    file = path.join(path.dirname(require.resolve('@aws-sdk/core/package.json')), ...PARTITIONS_FILE);
    const text = readFileSync(file, 'utf8');
    const info = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as PartitionsInfo;
    const regions = info.partitions.flatMap((p) =>
      Object.entries(p.regions)
        // aws-global, aws-cn-global…: endpoint pseudo-regions, not places to deploy.
        .filter(([name]) => !name.endsWith('-global'))
        .map(([name, data]): AwsRegion => ({ name, description: data.description ?? name, partition: p.id })),
    );
    if (regions.length === 0) throw new TypeError('no region in the partition table');
    cached = new Map(regions.map((r) => [r.name, r]));
    return cached;
  } catch (error) {
    throw new ConfigError("cannot read the AWS SDK's region list.", {
      where: file || '@aws-sdk/core',
      fix: 'run `npm ci`; if @aws-sdk/core was upgraded and moved its partition table, update src/deploy/config/aws-regions.ts.',
      cause: error,
    });
  }
}
