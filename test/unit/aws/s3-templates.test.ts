/** The template store: exact requests, the metadata it relies on, and the URL Service Catalog loads. */
import { GetBucketLocationCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { S3TemplateStore } from '../../../src/aws/s3-templates';
import { AwsCallError } from '../../../src/errors';

const mock = mockClient(S3Client);
const store = () => new S3TemplateStore(new S3Client({}));
const meta = { $metadata: {} };
beforeEach(() => mock.reset());

describe('S3TemplateStore', () => {
  it('puts the body with its SHA-256 as metadata and reads it back with HeadObject', async () => {
    mock.on(PutObjectCommand).resolves(meta);
    mock.on(HeadObjectCommand).resolves({ ...meta, Metadata: { sha256: 'abc' } });
    await store().put('b', 'p/1.0.0/standalone.yaml', 'body', 'abc');
    expect(mock.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'b', Key: 'p/1.0.0/standalone.yaml', Body: 'body', ContentType: 'text/yaml; charset=utf-8', Metadata: { sha256: 'abc' } });
    expect(await store().head('b', 'p/1.0.0/standalone.yaml')).toEqual({ sha256: 'abc' });
  });

  it('a missing key (HeadObject 404: NotFound) is undefined; access denied names the fix', async () => {
    mock.on(HeadObjectCommand, { Key: 'missing' }).rejects(new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'UnknownError' }));
    mock.on(HeadObjectCommand, { Key: 'denied' }).rejects(new S3ServiceException({ name: 'Forbidden', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Forbidden' }));
    expect(await store().head('b', 'missing')).toBeUndefined();
    const error = await store().head('b', 'denied').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).message).toMatch(/^s3:HeadObject \(s3:\/\/b\/denied\): Forbidden: Forbidden Fix: allow s3:GetObject and s3:ListBucket/);
  });

  it.each([
    [undefined, 'my-bucket', 'https://my-bucket.s3.us-east-1.amazonaws.com/p/1.0.0/standalone.yaml'],
    ['EU', 'my-bucket', 'https://my-bucket.s3.eu-west-1.amazonaws.com/p/1.0.0/standalone.yaml'],
    ['eu-central-1', 'my.dotted.bucket', 'https://s3.eu-central-1.amazonaws.com/my.dotted.bucket/p/1.0.0/standalone.yaml'],
    ['cn-north-1', 'my-bucket', 'https://my-bucket.s3.cn-north-1.amazonaws.com.cn/p/1.0.0/standalone.yaml'],
  ])('LocationConstraint %j: %s → %s', async (constraint, bucket, url) => {
    mock.on(GetBucketLocationCommand).resolves({ ...meta, LocationConstraint: constraint as never });
    const s = store();
    expect(await s.url(bucket, 'p/1.0.0/standalone.yaml')).toBe(url);
    await s.url(bucket, 'other');
    expect(mock.commandCalls(GetBucketLocationCommand)).toHaveLength(1);
  });
});
