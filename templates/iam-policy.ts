/** IAM policy documents in the one shape every role and bucket policy here uses. */
import { Refs } from './cloudform';

/** The AWS service principals the templates grant to. */
export const SERVICE_PRINCIPAL = { config: 'config.amazonaws.com', lambda: 'lambda.amazonaws.com', serviceCatalog: 'servicecatalog.amazonaws.com' } as const;

/** Condition entries: the request comes on behalf of this account (confused-deputy protection). */
export const FROM_THIS_ACCOUNT = { 'aws:SourceAccount': Refs.AccountId } as const;

/** Condition entries: an object written to a bucket stays the bucket owner's (Config's delivery). */
export const BUCKET_OWNER_FULL_CONTROL = { 's3:x-amz-acl': 'bucket-owner-full-control' } as const;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: unknown;
  readonly Action: string | readonly string[];
  readonly Resource: unknown;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  /** Statements, or `Fn::If` objects that yield a statement or `AWS::NoValue`. */
  readonly Statement: readonly unknown[];
}

export function policyDocument(statements: readonly unknown[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export interface TrustPolicyOptions {
  /**
   * Add `aws:SourceAccount` = this account, for services that send it when they assume the role
   * (AWS Config does); Lambda does not document it for execution roles, and a condition the
   * service never satisfies locks the role.
   */
  readonly fromThisAccountOnly: boolean;
}

/** A trust policy for one AWS service. */
export function serviceTrustPolicy(
  service: (typeof SERVICE_PRINCIPAL)[keyof typeof SERVICE_PRINCIPAL],
  options: TrustPolicyOptions,
): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AssumedByService',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      ...(options.fromThisAccountOnly ? { Condition: { StringEquals: FROM_THIS_ACCOUNT } } : {}),
    },
  ]);
}
