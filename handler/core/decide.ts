/**
 * Decisions over plain data: what a group's evaluation is, whether to revert it, and the
 * annotation that tells the owner why. No I/O here; the entry acts on the plan.
 */
import type { IngressRule } from '../../src/ingress-rule';
import { formatRule, ruleKey } from '../../src/ingress-rule';
import type { Matching } from '../../src/function-settings';
import type { Mode } from '../../src/rule-parameters';
import type { RuleDiff } from './diff';
import { diffRules, isInSync } from './diff';
import { describeExemption, evaluateExemption } from './exemption';
import type { ActualRule } from './live-rule';
import type { RevokeReport } from './verify';

/** The values PutEvaluations accepts (it rejects INSUFFICIENT_DATA). */
export type Compliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

/** Config's limit on Evaluation.Annotation, in characters. */
export const ANNOTATION_MAX = 256;

export interface Verdict {
  readonly compliance: Compliance;
  readonly annotation?: string;
  readonly revoked: readonly IngressRule[];
  readonly added: readonly IngressRule[];
}

export type GroupPlan =
  | { readonly kind: 'verdict'; readonly verdict: Verdict }
  /** Enforce mode and drifted: revert `diff`; `note` (an expired exemption) prefixes the annotation. */
  | { readonly kind: 'revert'; readonly diff: RuleDiff; readonly note?: string };

export interface GroupFacts {
  readonly mode: Mode;
  readonly matching: Matching;
  readonly allowed: readonly IngressRule[];
  readonly exemptTagKey: string;
  readonly tags: ReadonlyMap<string, string>;
  readonly actual: ReadonlyMap<string, ActualRule>;
  readonly now: Date;
}

export function planGroup(facts: GroupFacts): GroupPlan {
  const exemption = evaluateExemption(facts.tags, facts.exemptTagKey, facts.now);
  const note = describeExemption(exemption, facts.exemptTagKey);
  if (exemption.kind === 'exempt') return verdict('NOT_APPLICABLE', [note]);
  const diff = diffRules(facts.allowed, facts.actual, facts.matching);
  if (isInSync(diff)) return verdict('COMPLIANT', [note]);
  if (facts.mode === 'report') {
    return verdict('NON_COMPLIANT', [note, 'report mode', ...describeDrift(diff.toRevoke.map((e) => e.rule), diff.toAuthorize)]);
  }
  return note === undefined ? { kind: 'revert', diff } : { kind: 'revert', diff, note };
}

/** What the guardrail changed in a group, as EC2 confirmed it (its responses, or a read after them). */
export interface Progress {
  readonly added: readonly IngressRule[];
  readonly revoked: readonly IngressRule[];
}

/** The adapter's account of one revert call sequence (authorize, then revoke). */
export type RevertOutcome =
  | { readonly status: 'reverted'; readonly added: readonly IngressRule[]; readonly revoke?: RevokeReport }
  | { readonly status: 'group-not-found' }
  | {
      readonly status: 'failed';
      /** The AWS error code and message, e.g. `UnauthorizedOperation: You are not authorized…`. */
      readonly reason: string;
      readonly added: readonly IngressRule[];
      readonly revoke?: RevokeReport;
    };

/** COMPLIANT for a state read or confirmed after the guardrail's own changes (if any). */
export function revertedVerdict(note: string | undefined, progress: Progress): Verdict {
  const changed = progress.added.length + progress.revoked.length > 0;
  return {
    ...verdictOf('COMPLIANT', [note, changed ? 'reverted' : undefined, list('revoked', progress.revoked), list('added', progress.added)]),
    revoked: progress.revoked,
    added: progress.added,
  };
}

export const NO_PROGRESS: Progress = { added: [], revoked: [] };

/** What is still extra and missing. */
export interface Drift {
  readonly extra: readonly IngressRule[];
  readonly missing: readonly IngressRule[];
}

/** The drift of a plan's diff that `done` (what EC2 confirmed since that plan's read) did not resolve. */
export function driftLeft(diff: RuleDiff, done: Progress = NO_PROGRESS): Drift {
  const revoked = new Set(done.revoked.map(ruleKey));
  const added = new Set(done.added.map(ruleKey));
  return {
    extra: diff.toRevoke.map((e) => e.rule).filter((r) => !revoked.has(ruleKey(r))),
    missing: diff.toAuthorize.filter((r) => !added.has(ruleKey(r))),
  };
}

export interface Unreverted {
  readonly note?: string | undefined;
  /** Why the group is not (fully) reverted: an AWS error, a race, the sweep's deadline. */
  readonly why: string;
  /** Everything the guardrail changed in the group during this evaluation. */
  readonly progress: Progress;
  readonly left: Drift;
}

/** NON_COMPLIANT with what is left, and whether the guardrail changed the group on the way. */
export function unrevertedVerdict({ note, why, progress, left }: Unreverted): Verdict {
  const done = progress.added.length + progress.revoked.length === 0 ? 'not reverted' : 'partly reverted';
  return {
    ...verdictOf('NON_COMPLIANT', [note, `${done} (${why})`, ...describeDrift(left.extra, left.missing)]),
    revoked: progress.revoked,
    added: progress.added,
  };
}

/** The verdict for a resource Config says is gone or out of scope: no EC2 call needed. */
export function notApplicable(reason: string): Verdict {
  return verdictOf('NOT_APPLICABLE', [reason]);
}

/** Joins the parts with `; ` and cuts the result to 256 characters, ending with `…` when cut. */
export function buildAnnotation(parts: readonly (string | undefined)[]): string | undefined {
  const text = parts.filter((p): p is string => p !== undefined && p !== '').join('; ');
  if (text === '') return undefined;
  if (text.length <= ANNOTATION_MAX) return text;
  // Counted in UTF-16 units (the stricter count), never splitting a surrogate pair.
  let cut = ANNOTATION_MAX - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

function describeDrift(extra: readonly IngressRule[], missing: readonly IngressRule[]): (string | undefined)[] {
  return [list('extra', extra), list('missing', missing)];
}

function list(label: string, rules: readonly IngressRule[]): string | undefined {
  return rules.length === 0 ? undefined : `${label} ${rules.map(formatRule).join(', ')}`;
}

function verdictOf(compliance: Compliance, parts: readonly (string | undefined)[]): Verdict {
  const annotation = buildAnnotation(parts);
  return annotation === undefined ? { compliance, revoked: [], added: [] } : { compliance, annotation, revoked: [], added: [] };
}

function verdict(compliance: Compliance, parts: readonly (string | undefined)[]): GroupPlan {
  return { kind: 'verdict', verdict: verdictOf(compliance, parts) };
}
