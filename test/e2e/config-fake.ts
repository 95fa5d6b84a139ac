/**
 * Config's PutEvaluations as an in-memory recorder that validates what the real API validates
 * (aws-facts B5): 0-100 evaluations per call, a ResultToken, only COMPLIANT / NON_COMPLIANT /
 * NOT_APPLICABLE, an Annotation of 1-256 characters, and an OrderingTimestamp on each.
 */
import type { Evaluation, PutEvaluationsCommandInput, PutEvaluationsCommandOutput } from '@aws-sdk/client-config-service';
import { ConfigServiceServiceException } from '@aws-sdk/client-config-service';

const COMPLIANCE = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'];

function invalid(message: string): ConfigServiceServiceException {
  return new ConfigServiceServiceException({ name: 'InvalidParameterValueException', message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

export class ConfigFake {
  /** Every PutEvaluations input, in order. */
  readonly putCalls: PutEvaluationsCommandInput[] = [];

  /** Every evaluation recorded (TestMode calls record nothing, as in AWS). */
  readonly evaluations: Evaluation[] = [];

  putEvaluations(input: PutEvaluationsCommandInput): PutEvaluationsCommandOutput {
    this.putCalls.push(input);
    const evaluations = input.Evaluations ?? [];
    if (input.ResultToken === undefined || input.ResultToken === '') throw invalid('ResultToken is required.');
    if (evaluations.length > 100) throw invalid(`Evaluations has ${evaluations.length} items; the maximum is 100.`);
    for (const e of evaluations) {
      if (!COMPLIANCE.includes(e.ComplianceType ?? '')) throw invalid(`ComplianceType ${e.ComplianceType} is not accepted.`);
      if (e.Annotation !== undefined && (e.Annotation.length < 1 || e.Annotation.length > 256)) throw invalid(`Annotation has ${e.Annotation.length} characters.`);
      if (!(e.OrderingTimestamp instanceof Date)) throw invalid('OrderingTimestamp is required.');
      if (!e.ComplianceResourceId || !e.ComplianceResourceType) throw invalid('ComplianceResourceId and ComplianceResourceType are required.');
    }
    if (input.TestMode !== true) this.evaluations.push(...evaluations);
    return { $metadata: {}, FailedEvaluations: [] };
  }

  /** The latest recorded evaluation of a resource. */
  latest(resourceId: string): Evaluation | undefined {
    return this.evaluations.filter((e) => e.ComplianceResourceId === resourceId).at(-1);
  }
}
