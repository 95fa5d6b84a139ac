/** The recorder: evaluations leave 100 at a time as soon as they are ready, in order, and none is lost to a failed send. */
import type { AwsAdapter, EvaluationRecord } from '../../../handler/aws-port';
import { createRecorder } from '../../../handler/recorder';

function recorderWith(putEvaluations: (batch: readonly EvaluationRecord[]) => Promise<void>): { recorder: ReturnType<typeof createRecorder>; lines: string[] } {
  const adapter = { putEvaluations } as unknown as AwsAdapter;
  const lines: string[] = [];
  return { recorder: createRecorder({ adapter, token: { resultToken: 't', testMode: false }, mode: 'enforce', matching: 'exact', log: (l) => lines.push(l) }), lines };
}

const record = (recorder: ReturnType<typeof createRecorder>, n: number, from = 0): void => {
  for (let i = from; i < from + n; i += 1) {
    recorder.record(
      { resourceType: 'AWS::EC2::SecurityGroup', resourceId: `sg-${i}`, orderingTimestamp: new Date(0), messageType: 'ScheduledNotification', started: 0 },
      { compliance: 'COMPLIANT', revoked: [], added: [] },
    );
  }
};

describe('createRecorder', () => {
  it('starts a send as soon as 100 are queued, before any flush; the flush sends the rest', async () => {
    const sent: string[][] = [];
    const { recorder, lines } = recorderWith(async (batch) => {
      sent.push(batch.map((e) => e.resourceId));
    });
    record(recorder, 150);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent.map((b) => b.length)).toEqual([100]);
    await recorder.flush();
    expect(sent.map((b) => b.length)).toEqual([100, 50]);
    expect(sent.flat()).toEqual(Array.from({ length: 150 }, (_, i) => `sg-${i}`));
    expect(lines).toHaveLength(150);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ groupId: 'sg-0', mode: 'enforce', matching: 'exact', compliance: 'COMPLIANT' });
    expect(recorder.counts).toEqual({ evaluated: 150, COMPLIANT: 150, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 });
  });

  it('a failed send does not stop the later ones; the flush throws the first error', async () => {
    const sent: number[] = [];
    let calls = 0;
    const { recorder } = recorderWith(async (batch) => {
      calls += 1;
      if (calls === 1) throw new Error('throttled');
      sent.push(batch.length);
    });
    record(recorder, 250);
    await expect(recorder.flush()).rejects.toThrow('throttled');
    expect(sent).toEqual([100, 50]);
  });
});
