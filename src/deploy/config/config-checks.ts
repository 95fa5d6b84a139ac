/**
 * The config checks that catch typos the schema's forms let through: region names the SDK does not
 * know, malformed OU ids, and entries written twice. Each returns problems (path, what, fix) for
 * parseDeployConfig to report with the others, all at once, before any AWS call.
 */
import { ruleKey } from '../../ingress-rule';
import { RULE_PARAMETER, parseAllowedCidrs, parseAllowedIngress, splitEntries } from '../../rule-parameters';
import schema from '../../../schema/deploy-config.schema.json';
import { closestMatches, editDistance } from '../org/closest';
import { awsRegions } from './aws-regions';
import type { ConfigProblem } from './config';

/** `Root/Workloads/` and `Root/Workloads` are the same OU; ids are kept as written. */
export function normalizeOuRef(ref: string): string {
  return ref.trim().replace(/\/+$/, '');
}

/** A name this many edits from a known region is a typo of it (eu-wset-1 → eu-west-1: 2). */
const REGION_TYPO_DISTANCE = 3;

/** `regions[i]` names a region the SDK does not know: with the closest one. */
export function describeUnknownRegion(path: string, name: string): ConfigProblem {
  const regions = awsRegions();
  const [closest] = closestMatches(name, regions.keys(), 1);
  const region = closest === undefined ? undefined : regions.get(closest);
  return {
    path,
    message: `"${name}" is not an AWS region.`,
    fix:
      region !== undefined && editDistance(name, region.name) <= REGION_TYPO_DISTANCE
        ? `did you mean "${region.name}" (${region.description})?`
        : 'write a region name such as us-east-1 or eu-west-1 (`aws ec2 describe-regions` lists yours).',
  };
}

/** The form of a region name: the schema reports values without it, this module unknown ones with it. */
const REGION_FORM = new RegExp(schema.properties.regions.items.pattern, 'u');

/** Region names of the right form that no partition has (any other value is the schema's to report). */
export function checkRegions(regions: readonly unknown[]): ConfigProblem[] {
  const known = awsRegions();
  return regions.flatMap((name, index) =>
    typeof name !== 'string' || !REGION_FORM.test(name) || known.has(name) ? [] : [describeUnknownRegion(`regions[${index}]`, name)],
  );
}

/** An OU reference that starts like an id (ou-, r-) but is not one. */
export function describeMalformedOuId(path: string, ref: string): ConfigProblem {
  return {
    path,
    message: `"${ref}" is not an OU id.`,
    fix: 'an OU id is ou-, 4-32 lowercase letters or digits, a dash and 8-32 more (ou-ab12-cdef3456); a root id is r- and 4-32 (r-ab12); or write the path (Root/Workloads).',
  };
}

/** Each item whose key an earlier item has, with the index of the first one. */
function findRepeats(items: readonly string[], key: (item: string) => string): { readonly index: number; readonly earlier: number }[] {
  const first = new Map<string, number>();
  return items.flatMap((item, index) => {
    const k = key(item);
    const earlier = first.get(k);
    if (earlier !== undefined) return [{ index, earlier }];
    first.set(k, index);
    return [];
  });
}

/** The same OU written twice in one list once trailing slashes and spaces are dropped. */
export function checkRepeatedOus(refs: readonly string[], path: string): ConfigProblem[] {
  return findRepeats(refs, normalizeOuRef).map(({ index, earlier }) => ({
    path: `${path}[${index}]`,
    message: `"${refs[index] ?? ''}" repeats item ${earlier} ("${refs[earlier] ?? ''}").`,
    fix: 'remove the duplicate.',
  }));
}

export interface RepeatedEntriesProps {
  /** `profiles.web` */
  readonly at: string;
  readonly allowedIngress: string;
  readonly allowedCidrs: string;
  /** The parsed allowedCidrs (the sources of entries without @SOURCE). */
  readonly cidrs: readonly string[];
}

/**
 * Entries of allowedIngress or allowedCidrs that mean exactly what an earlier entry means (`443,443`,
 * `443,tcp:443`, a CIDR twice): call only once both parsed without problems.
 */
export function checkRepeatedEntries(props: RepeatedEntriesProps): ConfigProblem[] {
  const repeated = (parameter: 'allowedIngress' | 'allowedCidrs', text: string, meaning: (entry: string) => string): ConfigProblem[] => {
    const entries = splitEntries(text, RULE_PARAMETER[parameter]);
    return findRepeats(entries, meaning).map(({ index, earlier }) => ({
      path: `${props.at}.${parameter}[${index}]`,
      message: `entry "${entries[index] ?? ''}" repeats entry ${earlier} ("${entries[earlier] ?? ''}").`,
      fix: 'remove one of them.',
    }));
  };
  return [
    ...repeated('allowedCidrs', props.allowedCidrs, (entry) => parseAllowedCidrs(entry).join(',')),
    ...repeated('allowedIngress', props.allowedIngress, (entry) => parseAllowedIngress(entry, props.cidrs).map(ruleKey).join('|')),
  ];
}
