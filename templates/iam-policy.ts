/** IAM policy documents in the one shape every role and bucket policy here uses. */

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

/**
 * A trust policy for one AWS service. `sourceAccount` adds `aws:SourceAccount` (confused-deputy
 * protection) for services that send it when they assume the role (AWS Config does); Lambda does not
 * document it for execution roles, and a condition the service never satisfies locks the role.
 */
export function serviceTrustPolicy(service: string, options: { readonly sourceAccount: unknown }): PolicyDocument;
export function serviceTrustPolicy(service: string): PolicyDocument;
export function serviceTrustPolicy(service: string, options?: { readonly sourceAccount: unknown }): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AssumedByService',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      ...(options === undefined ? {} : { Condition: { StringEquals: { 'aws:SourceAccount': options.sourceAccount } } }),
    },
  ]);
}
