/**
 * The Lambda entry (`index.handler`): AWS Config invokes it with a custom-rule event and the Lambda
 * context. Clients are created once per container, at module scope, and reused across invocations.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { AWS_CLIENT_CONFIG, createAwsAdapter } from './aws-adapter';
import type { EvaluationSummary } from './evaluate-event';
import { evaluateEvent } from './evaluate-event';

const adapter = createAwsAdapter({ ec2: new EC2Client(AWS_CLIENT_CONFIG), config: new ConfigServiceClient(AWS_CLIENT_CONFIG) });

/** Raw stdout lines (no console prefix) so CloudWatch Logs Insights discovers the JSON fields. */
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The part of the Lambda context the handler uses: the time left before Lambda stops it. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

export const handler = async (event: unknown, context?: Partial<LambdaContext>): Promise<EvaluationSummary> => {
  const remaining = context?.getRemainingTimeInMillis;
  return evaluateEvent(event, {
    adapter,
    now: () => new Date(),
    log,
    environment: process.env,
    remainingMs: typeof remaining === 'function' ? () => remaining.call(context) : undefined,
  });
};
