/**
 * The S3 calls `publish` makes, in memory, with the semantics AWS documents:
 * - HeadObject of a missing key answers with the bare 404, which the SDK surfaces as `NotFound`
 *   (no body, so no `NoSuchKey`); of a missing bucket, also 404 (`NotFound`).
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
 * - User metadata comes back as sent (x-amz-meta-*, lower-cased keys).
 * - PutObject to a missing bucket is NoSuchBucket; it replaces an existing object.
 * - GetBucketLocation: LocationConstraint is null for us-east-1, else the region.
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
import * as s3 from '@aws-sdk/client-s3';
import type { AwsStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import { ok, responseMetadata } from './aws-errors';
import { CallRecorder } from './call-recorder';

type Input = Record<string, unknown>;

export interface StoredObject {
  readonly body: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
}

export class S3Fake {
  readonly recorder = new CallRecorder(new Set(['PutObject']));
  private readonly buckets = new Map<string, { region: string; objects: Map<string, StoredObject> }>();

  addBucket(name: string, region = 'us-east-1'): void {
    this.buckets.set(name, { region, objects: new Map() });
  }

  object(bucket: string, key: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  putObject(bucket: string, key: string, object: StoredObject): void {
    this.buckets.get(bucket)?.objects.set(key, object);
  }

  handle(operation: string, input: Input): object {
    const call = this.recorder.record(operation, input);
    if (call.throttled) throw error('SlowDown', 503, 'Please reduce your request rate.');
    const bucket = this.buckets.get(String(input.Bucket));
    switch (operation) {
      case 'HeadObject': {
        const found = bucket?.objects.get(String(input.Key));
        if (found === undefined) throw error('NotFound', 404, 'UnknownError');
        return ok({ ContentLength: Buffer.byteLength(found.body), ContentType: found.contentType, Metadata: { ...found.metadata } });
      }
      case 'PutObject': {
        if (bucket === undefined) throw error('NoSuchBucket', 404, 'The specified bucket does not exist');
        const metadata = Object.fromEntries(Object.entries((input.Metadata ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
        bucket.objects.set(String(input.Key), { body: String(input.Body), metadata, contentType: input.ContentType as string | undefined });
        return ok({ ETag: '"etag"' });
      }
      case 'GetBucketLocation':
        if (bucket === undefined) throw error('NoSuchBucket', 404, 'The specified bucket does not exist');
        return ok({ LocationConstraint: bucket.region === 'us-east-1' ? undefined : bucket.region });
      default:
        throw new Error(`S3Fake: ${operation} is not modelled`);
    }
  }
}

function error(name: string, status: number, message: string): s3.S3ServiceException {
  return new s3.S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: responseMetadata(status), message });
}

export interface S3Fakes {
  readonly fake: S3Fake;
  readonly mock: AwsStub<any, any, any>;
  restore(): void;
}

export function installS3Fake(fake = new S3Fake()): S3Fakes {
  const mock = mockClient(s3.S3Client);
  mock.send.callsFake((command: object) => Promise.reject(new Error(`S3Fake: ${command.constructor.name} is not modelled`)));
  mock.on(s3.HeadObjectCommand).callsFake((input: Input) => fake.handle('HeadObject', input));
  mock.on(s3.PutObjectCommand).callsFake((input: Input) => fake.handle('PutObject', input));
  mock.on(s3.GetBucketLocationCommand).callsFake((input: Input) => fake.handle('GetBucketLocation', input));
  return { fake, mock, restore: () => mock.restore() };
}
