/** Resource attributes shared by the resource families. */
import type { ResourceBase } from './cloudform';
import { DeletionPolicy } from './cloudform';

/**
 * Keeps the resource when the stack is deleted and when an update replaces it (cfn-lint W3011 wants
 * both). Escape hatch: cloudform-types' ResourceBase has DeletionPolicy but no UpdateReplacePolicy,
 * so the attribute is added here.
 */
export function retainOnDeleteAndReplace<T extends ResourceBase>(resource: T): T & { UpdateReplacePolicy: 'Retain' } {
  return Object.assign(resource.deletionPolicy(DeletionPolicy.Retain), { UpdateReplacePolicy: 'Retain' as const });
}
