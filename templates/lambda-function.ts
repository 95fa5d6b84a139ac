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
import { FUNCTION_ENVIRONMENT } from '../src/function-settings';
import type { TemplateParameterName } from '../src/template-parameters';
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

/**
 * The function's Environment, from the same template parameters as the rule's Scope: the settings
 * InputParameters has no room for (src/function-settings.ts says why). Typed over every variable.
 */
export const ENVIRONMENT_SOURCES: Readonly<Record<keyof typeof FUNCTION_ENVIRONMENT, TemplateParameterName>> = {
  scopeTagKey: TEMPLATE_PARAMETER.scopeTagKey,
  scopeTagValue: TEMPLATE_PARAMETER.scopeTagValue,
  matching: TEMPLATE_PARAMETER.matching,
};

/**
 * 900 s, Lambda's maximum: a first sweep of a large account is paced by EC2's write buckets (about
 * 2.5 drifted groups a second, handler/rate-limiter.ts; 1,000 take about 400 s), and the sweep stops
 * itself a minute before the deadline (handler/sweep.ts), so a longer limit only lets it finish more;
 * a change notification ends in seconds whatever the limit.
 */
export const FUNCTION_TIMEOUT_SECONDS = 900;
/**
 * 512 MB: a DescribeSecurityGroups page holds up to 1,000 groups (tens of MB of XML at 60 + 60
 * rules each) and the SDK parses it on the CPU, which Lambda allots in proportion to memory. The
 * cost stays small: a full 900 s sweep is 450 GB-s.
 */
export const FUNCTION_MEMORY_MB = 512;

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
    Timeout: FUNCTION_TIMEOUT_SECONDS,
    MemorySize: FUNCTION_MEMORY_MB,
    Environment: {
      Variables: Object.fromEntries(
        Object.entries(ENVIRONMENT_SOURCES).map(([name, parameter]) => [FUNCTION_ENVIRONMENT[name as keyof typeof FUNCTION_ENVIRONMENT], Fn.Ref(parameter)]),
      ),
    },
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
