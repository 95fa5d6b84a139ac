/**
 * Deterministic OperationIds. CloudFormation treats an OperationId as an idempotency token: the same id
 * sent twice runs the operation once, and a reused id answers OperationIdAlreadyExistsException. The id
 * hashes the intended request *and* the state it starts from (the stack set's id and its current
 * template, parameters and targets), so a re-run after a crash sends the same id and resumes, while a
 * later, different change (even one back to an earlier value) gets a new id.
 */
import { createHash } from 'node:crypto';

/** `[a-zA-Z0-9][-a-zA-Z0-9]*`, at most 128 characters (the API's OperationId pattern). */
export const OPERATION_ID_PATTERN = /^[a-zA-Z0-9][-a-zA-Z0-9]{0,127}$/;

export function deriveOperationId(kind: string, request: unknown): string {
  const digest = createHash('sha256').update(stableStringify(request)).digest('hex').slice(0, 40);
  return `sgg-${kind}-${digest}`;
}

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
