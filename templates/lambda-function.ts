/**
 * The guardrail Lambda: its execution role, log group, a logs policy, the function with the bundled
 * handler inlined in Code.ZipFile, and the permission that lets AWS Config (of this account only)
 * invoke it.
 *
 * Ordering without cycles: the log group is named after the generated function name, so the logs
 * policy (which needs the log group's ARN) is a separate AWS::IAM::Policy rather than part of the
 * role. The rule depends on that policy, so Config cannot invoke the function before it may log.
 */
import { Fn, IAM, Lambda, Logs, Refs } from './cloudform';
import { LAMBDA_RUNTIME } from '../src/build/handler-bundle';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { SERVICE_PRINCIPAL, policyDocument, serviceTrustPolicy } from './iam-policy';
import { onlyIf, sub } from './intrinsics';
import { CONDITION, LOGICAL_ID } from './logical-ids';
import { retainOnDeleteAndReplace } from './resource-attributes';

/**
 * The handler's calls that support no resource-level permissions (Resource "*"): exactly the
 * commands handler/aws-adapter.ts sends besides the writes (a test holds the two together).
 */
export const READ_ACTIONS = ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules', 'config:PutEvaluations'] as const;

/** The only mutating actions, granted only in enforce mode and only on this account's groups. */
export const ENFORCE_ACTIONS = ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'] as const;
/**
 * The resources the two writes act on, in this account and region only. Rules have ARNs of their own
 * (`security-group-rule/sgr-…`) since rule ids were introduced, and the handler revokes by rule id:
 * IAM may authorize such a request on the rule's ARN as well as the group's, so both are granted.
 */
export const SECURITY_GROUP_ARNS = [
  'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*',
  'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group-rule/*',
] as const;

export const FUNCTION_HANDLER = 'index.handler';

export interface LambdaFunctionProps {
  /** The bundled handler (dist/handler/index.min.js), CommonJS, inlined as Code.ZipFile. */
  readonly handlerCode: string;
}

export function buildLambdaFunction(props: LambdaFunctionProps): TemplateFragment {
  const role = new IAM.Role({
    Description: 'sg-guardrail Config rule function',
    AssumeRolePolicyDocument: serviceTrustPolicy(SERVICE_PRINCIPAL.lambda, { fromThisAccountOnly: false }),
    Policies: [
      {
        PolicyName: 'evaluate-security-groups',
        PolicyDocument: policyDocument([
          { Sid: 'ReadAndReport', Effect: 'Allow', Action: [...READ_ACTIONS], Resource: '*' },
          onlyIf(CONDITION.enforceMode, {
            Sid: 'RevertDrift',
            Effect: 'Allow',
            Action: [...ENFORCE_ACTIONS],
            Resource: SECURITY_GROUP_ARNS.map((arn) => sub(arn)),
          }),
        ]),
      },
    ],
  });
  const fn = new Lambda.Function({
    Description: 'sg-guardrail: keeps security-group ingress inside the allowed set',
    Runtime: LAMBDA_RUNTIME,
    Handler: FUNCTION_HANDLER,
    Code: { ZipFile: props.handlerCode },
    Role: Fn.GetAtt(LOGICAL_ID.functionRole, 'Arn'),
    // A scheduled sweep reads every group of the region page by page and may revert several.
    Timeout: 300,
    MemorySize: 256,
  });
  // The log is the record of every rule the function revoked or added: like the compliance history
  // it outlives the stack (its events still expire after LogRetentionDays).
  const logGroup = retainOnDeleteAndReplace(
    new Logs.LogGroup({
      LogGroupName: sub(`/aws/lambda/\${${LOGICAL_ID.function}}`),
      RetentionInDays: Fn.Ref(TEMPLATE_PARAMETER.logRetentionDays),
    }),
  );
  const logsPolicy = new IAM.Policy({
    PolicyName: 'write-own-logs',
    Roles: [Fn.Ref(LOGICAL_ID.functionRole)],
    PolicyDocument: policyDocument([
      {
        Sid: 'WriteOwnLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The log group's Arn attribute ends in ":*", which covers its log streams.
        Resource: Fn.GetAtt(LOGICAL_ID.functionLogGroup, 'Arn'),
      },
    ]),
  });
  const permission = new Lambda.Permission({
    FunctionName: Fn.GetAtt(LOGICAL_ID.function, 'Arn'),
    Action: 'lambda:InvokeFunction',
    Principal: SERVICE_PRINCIPAL.config,
    SourceAccount: Refs.AccountId,
  });
  return {
    Resources: {
      [LOGICAL_ID.functionRole]: role,
      [LOGICAL_ID.function]: fn,
      [LOGICAL_ID.functionLogGroup]: logGroup,
      [LOGICAL_ID.functionLogsPolicy]: logsPolicy,
      [LOGICAL_ID.invokePermission]: permission,
    },
  };
}
