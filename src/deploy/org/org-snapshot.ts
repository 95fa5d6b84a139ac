/**
 * The organization snapshot: the OrgTree as versioned JSON (schema/org-snapshot.schema.json), written
 * by `plan --save-org FILE` and read by `validate --org FILE`, so CI can check a config's targeting
 * without AWS. Reading checks the format and version, the schema (every problem at once), then what a
 * schema cannot say: unique ids, parents that exist, no cycles. Plain data only: no SDK here.
 */
import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import schema from '../../../schema/org-snapshot.schema.json';
import { ConfigError } from '../../errors';
import type { ConfigProblem } from '../config/config';
import { describeSchemaError, toConfigError } from '../config/config';
import type { OrgTree } from './org-tree';
import { buildOrgTree, nodesTopDown } from './org-tree';

export { schema as ORG_SNAPSHOT_SCHEMA };

export const ORG_SNAPSHOT_FORMAT = 'sg-guardrail/org-snapshot';
export const ORG_SNAPSHOT_VERSION = 1;

export interface OrgSnapshot {
  readonly format: typeof ORG_SNAPSHOT_FORMAT;
  readonly version: typeof ORG_SNAPSHOT_VERSION;
  readonly savedAt?: string;
  readonly organization?: { readonly id?: string; readonly featureSet?: 'ALL' | 'CONSOLIDATED_BILLING'; readonly managementAccountId?: string };
  readonly root: { readonly id: string; readonly name: string };
  readonly ous: readonly { readonly id: string; readonly name: string; readonly parentId: string }[];
  readonly accounts: readonly { readonly id: string; readonly name: string; readonly parentId: string; readonly status: string }[];
}

const SUBJECT = 'the organization snapshot';
const validateSchema = new Ajv({ allErrors: true, verbose: true, strict: true }).compile<OrgSnapshot>(schema);

/** The tree as a snapshot, parents before children and in the tree's sibling order: the same tree writes the same file. */
export function toOrgSnapshot(tree: OrgTree, savedAt: Date): OrgSnapshot {
  const order = nodesTopDown(tree).filter((id) => id !== tree.rootId);
  const root = tree.nodes.get(tree.rootId);
  const featureSet: 'ALL' | 'CONSOLIDATED_BILLING' | undefined = tree.featureSet === 'ALL' || tree.featureSet === 'CONSOLIDATED_BILLING' ? tree.featureSet : undefined;
  const organization = {
    ...(tree.organizationId === undefined ? {} : { id: tree.organizationId }),
    ...(featureSet === undefined ? {} : { featureSet }),
    ...(tree.managementAccountId === undefined ? {} : { managementAccountId: tree.managementAccountId }),
  };
  return {
    format: ORG_SNAPSHOT_FORMAT,
    version: ORG_SNAPSHOT_VERSION,
    savedAt: savedAt.toISOString(),
    organization,
    root: { id: tree.rootId, name: root?.name ?? 'Root' },
    ous: order.flatMap((id) => {
      const node = tree.nodes.get(id);
      return node?.parentId === undefined ? [] : [{ id, name: node.name, parentId: node.parentId }];
    }),
    accounts: [tree.rootId, ...order].flatMap((id) =>
      (tree.nodes.get(id)?.accountIds ?? []).map((accountId) => {
        const account = tree.accounts.get(accountId);
        return { id: accountId, name: account?.name ?? accountId, parentId: id, status: account?.status ?? 'ACTIVE' };
      }),
    ),
  };
}

export function renderOrgSnapshot(snapshot: OrgSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

export async function loadOrgSnapshot(file: string): Promise<{ readonly tree: OrgTree; readonly snapshot: OrgSnapshot }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError('cannot read the organization snapshot.', { where: file, fix: 'write one with `sg-guardrail plan -c FILE --save-org SNAPSHOT.json` (read-only) and pass that file.', cause: error });
  }
  const snapshot = parseOrgSnapshot(text, file);
  return { snapshot, tree: orgTreeFromSnapshot(snapshot) };
}

export function parseOrgSnapshot(text: string, file: string): OrgSnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`is not JSON: ${error instanceof Error ? error.message : String(error)}.`, { where: file, fix: 'pass the file `plan --save-org` wrote, unedited.', cause: error });
  }
  const head = (typeof raw === 'object' && raw !== null ? raw : {}) as { format?: unknown; version?: unknown };
  if (head.format !== ORG_SNAPSHOT_FORMAT) {
    throw toConfigError(file, [{ path: 'format', message: `is ${JSON.stringify(head.format)}, not "${ORG_SNAPSHOT_FORMAT}": this is not an organization snapshot.`, fix: 'write one with `sg-guardrail plan -c FILE --save-org SNAPSHOT.json`.' }], SUBJECT);
  }
  if (typeof head.version === 'number' && head.version > ORG_SNAPSHOT_VERSION) {
    throw toConfigError(file, [{ path: 'version', message: `is ${head.version}; this sg-guardrail reads version ${ORG_SNAPSHOT_VERSION}.`, fix: 'upgrade sg-guardrail, or write the snapshot again with this version\'s `plan --save-org`.' }], SUBJECT);
  }
  if (!validateSchema(raw)) throw toConfigError(file, (validateSchema.errors ?? []).map(describeSchemaError), SUBJECT);
  const problems = checkStructure(raw);
  if (problems.length > 0) throw toConfigError(file, problems, SUBJECT);
  return raw;
}

/** Ids appear once, every parent exists, and every OU leads up to the root (no cycle). */
function checkStructure(snapshot: OrgSnapshot): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const parents = new Map<string, string>();
  const fix = 'write the snapshot again with `plan --save-org` rather than editing it.';
  snapshot.ous.forEach((ou, i) => {
    if (ou.id === snapshot.root.id || parents.has(ou.id)) problems.push({ path: `ous[${i}].id`, message: `"${ou.id}" appears twice.`, fix });
    else parents.set(ou.id, ou.parentId);
  });
  const known = (id: string): boolean => id === snapshot.root.id || parents.has(id);
  snapshot.ous.forEach((ou, i) => {
    if (!known(ou.parentId)) problems.push({ path: `ous[${i}].parentId`, message: `"${ou.parentId}" is neither the root nor an OU of the snapshot.`, fix });
  });
  for (const [id] of parents) {
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && at !== snapshot.root.id; at = parents.get(at)) {
      if (seen.has(at)) {
        problems.push({ path: `ous[${snapshot.ous.findIndex((o) => o.id === id)}].parentId`, message: `OU "${id}" is its own ancestor.`, fix });
        break;
      }
      seen.add(at);
    }
  }
  const accounts = new Set<string>();
  snapshot.accounts.forEach((account, i) => {
    if (accounts.has(account.id)) problems.push({ path: `accounts[${i}].id`, message: `"${account.id}" appears twice.`, fix });
    accounts.add(account.id);
    if (!known(account.parentId)) problems.push({ path: `accounts[${i}].parentId`, message: `"${account.parentId}" is neither the root nor an OU of the snapshot.`, fix });
  });
  return problems;
}

export function orgTreeFromSnapshot(snapshot: OrgSnapshot): OrgTree {
  return buildOrgTree({
    root: snapshot.root,
    ous: snapshot.ous,
    accounts: snapshot.accounts,
    managementAccountId: snapshot.organization?.managementAccountId,
    featureSet: snapshot.organization?.featureSet,
    organizationId: snapshot.organization?.id,
  });
}
