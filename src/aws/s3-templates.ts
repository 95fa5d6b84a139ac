/**
 * The template store of `publish`: one S3 object per version and product, carrying the SHA-256 of
 * its content as metadata, so a second publish of the same version can tell it is there unchanged
 * without downloading it. Service Catalog loads it from the bucket's regional https URL.
 */
import { GetBucketLocationCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { StoredTemplate, TemplateStore } from '../publish/publish-port';
import { AwsCallError } from '../errors';
import { SDK_CLIENT_OPTIONS } from './client-options';
import { retryThrottled } from './retry';
import type { RetryOptions } from './retry';

/** The user metadata key (x-amz-meta-sha256) publish writes. */
export const SHA256_METADATA = 'sha256';

export function createTemplateStore(): S3TemplateStore {
  return new S3TemplateStore(new S3Client(SDK_CLIENT_OPTIONS));
}

export class S3TemplateStore implements TemplateStore {
  private readonly regions = new Map<string, string>();

  constructor(
    private readonly client: S3Client,
    private readonly retry: RetryOptions = {},
  ) {}

  async head(bucket: string, key: string): Promise<StoredTemplate | undefined> {
    try {
      const r = await retryThrottled(() => this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })), this.retry);
      return { sha256: r.Metadata?.[SHA256_METADATA] };
    } catch (error) {
      // HeadObject has no body, so a missing key is the bare status: NotFound (404).
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return undefined;
      throw wrapS3Error('HeadObject', bucket, key, error);
    }
  }

  async put(bucket: string, key: string, body: string, sha256: string): Promise<void> {
    await this.call('PutObject', bucket, key, () =>
      this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/yaml; charset=utf-8', Metadata: { [SHA256_METADATA]: sha256 } })),
    );
  }

  async url(bucket: string, key: string): Promise<string> {
    let region = this.regions.get(bucket);
    if (region === undefined) {
      const r = await this.call('GetBucketLocation', bucket, key, () => this.client.send(new GetBucketLocationCommand({ Bucket: bucket })));
      // No constraint is us-east-1; the legacy EU is eu-west-1.
      const constraint: string | undefined = r.LocationConstraint;
      region = constraint === undefined || constraint === '' ? 'us-east-1' : constraint === 'EU' ? 'eu-west-1' : constraint;
      this.regions.set(bucket, region);
    }
    const host = `s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
    const path = key.split('/').map(encodeURIComponent).join('/');
    // A dotted bucket name breaks the TLS wildcard of virtual-hosted URLs: use the path style then.
    return bucket.includes('.') ? `https://${host}/${bucket}/${path}` : `https://${bucket}.${host}/${path}`;
  }

  private async call<T>(operation: string, bucket: string, key: string, send: () => Promise<T>): Promise<T> {
    try {
      return await retryThrottled(send, this.retry);
    } catch (error) {
      throw wrapS3Error(operation, bucket, key, error);
    }
  }
}

function wrapS3Error(operation: string, bucket: string, key: string, error: unknown): AwsCallError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const fixes: Record<string, string> = {
    NoSuchBucket: `create the bucket ${bucket} (in this account), or pass an existing one with --bucket.`,
    AccessDenied: 'allow the s3 actions listed in docs/iam.md (publish) on the bucket.',
    Forbidden: 'allow s3:GetObject and s3:ListBucket on the bucket (a HeadObject without ListBucket cannot tell a missing key).',
  };
  return new AwsCallError(`${name}: ${message}`, { where: `s3:${operation} (s3://${bucket}/${key})`, fix: fixes[name] ?? 'check credentials (AWS_PROFILE), region (AWS_REGION) and network, then run again.', cause: error });
}
