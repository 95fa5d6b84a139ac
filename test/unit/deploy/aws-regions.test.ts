/** The region list comes from the SDK's partition data, and agrees with the SDK's own partition(). */
import { partition } from '@aws-sdk/core/client';
import { awsRegions } from '../../../src/deploy/config/aws-regions';

/** partition() spreads the region's own entry (its description) over the partition's outputs. */
const describedBySdk = (name: string): unknown => (partition(name) as { description?: unknown }).description;

describe('awsRegions', () => {
  const regions = awsRegions();

  it('holds the regions of every partition, with their descriptions', () => {
    expect(regions.get('eu-west-1')).toEqual({ name: 'eu-west-1', description: 'Europe (Ireland)', partition: 'aws' });
    expect(regions.get('us-gov-west-1')?.partition).toBe('aws-us-gov');
    expect(regions.get('cn-north-1')?.partition).toBe('aws-cn');
    expect(regions.size).toBeGreaterThan(30);
  });

  it('leaves out the endpoint pseudo-regions (aws-global…)', () => {
    expect([...regions.keys()].filter((name) => name.includes('global'))).toEqual([]);
  });

  it("is exactly what the SDK's partition() knows: each region with its description", () => {
    for (const region of regions.values()) {
      expect({ name: region.name, description: describedBySdk(region.name) }).toEqual({ name: region.name, description: region.description });
    }
  });

  it('a name it lacks, the SDK does not know either (only its regex matches it)', () => {
    for (const name of ['eu-wset-1', 'us-east-9', 'eu-west']) {
      expect(regions.has(name)).toBe(false);
      expect(describedBySdk(name)).toBeUndefined();
    }
  });
});
