/**
 * Builds errors exactly as the AWS SDK v3 surfaces them: instances of the client packages' own
 * exception classes (so `instanceof` and `error.name` both work), with `$metadata`, `message` and the
 * wire field `Message`. Errors that have no modelled class (CloudFormation's `ValidationError` and
 * `Throttling`) are the service's base exception with the wire error code as `name`, which is what
 * the SDK's deserializer produces for unmodelled codes.
 */
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation';

/** The SDK's response metadata type, taken from a client package rather than a transitive dependency. */
export type ResponseMetadata = CloudFormationServiceException['$metadata'];

let requestCounter = 0;

/** `$metadata` like a real response: a status code and a unique request id. */
export function responseMetadata(httpStatusCode: number): ResponseMetadata {
  requestCounter += 1;
  return {
    httpStatusCode,
    requestId: `fake-${requestCounter.toString().padStart(8, '0')}`,
    attempts: 1,
    totalRetryDelay: 0,
  };
}

/** The constructor shape shared by every modelled SDK exception class. */
type SdkExceptionClass<E extends Error> = new (opts: {
  $metadata: ResponseMetadata;
  message: string;
  Message?: string;
}) => E;

/** An instance of a modelled SDK exception, e.g. `sdkError(OperationInProgressException, 409, '…')`. */
export function sdkError<E extends Error>(
  errorClass: SdkExceptionClass<E>,
  httpStatusCode: number,
  message: string,
  extra: Record<string, unknown> = {},
): E {
  const error = new errorClass({ $metadata: responseMetadata(httpStatusCode), message, Message: message });
  return Object.assign(error, extra);
}

/** CloudFormation's `ValidationError` (HTTP 400): bad input the service rejects before doing anything. */
export function cfnValidationError(message: string): CloudFormationServiceException {
  return new CloudFormationServiceException({
    name: 'ValidationError',
    $fault: 'client',
    $metadata: responseMetadata(400),
    message,
  });
}

/** CloudFormation's throttling error as the SDK surfaces it (code `Throttling`, "Rate exceeded"). */
export function cfnThrottlingError(): CloudFormationServiceException {
  return new CloudFormationServiceException({
    name: 'Throttling',
    $fault: 'client',
    $metadata: responseMetadata(400),
    $retryable: { throttling: true },
    message: 'Rate exceeded',
  });
}

/**
 * A deep copy of plain data (objects, arrays, Dates), dropping `undefined` fields like the wire does.
 * Not `structuredClone`: under jest that builds Dates of another realm, so `instanceof Date` would
 * fail in the code under test.
 */
export function copyData<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => copyData(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copyData(v);
    return out as T;
  }
  return value;
}

/** A successful response: a deep copy of the output plus `$metadata`. */
export function ok<T extends object>(output: T): T & { $metadata: ResponseMetadata } {
  return { ...copyData(output), $metadata: responseMetadata(200) };
}
