import type { PlanStep } from '../../../src/deploy/plan/plan-types';
import { createProgressPrinter, formatProgressLine } from '../../../src/deploy/apply/progress';

const step: PlanStep = { kind: 'create-instances', phase: 5, stackSet: 'p-rule-web', ouIds: ['ou-a', 'ou-b'], regions: ['us-east-1'], accounts: 4, operationId: 'op-1' };
const other: PlanStep = { ...step, stackSet: 'p-rule-mail', operationId: 'op-2' };

describe('progress', () => {
  it.each([
    [{}, 'p-rule-web  add 2 OU(s) × 1 region(s)  RUNNING'],
    [{ PENDING: 1, FAILED: 1, SUCCEEDED: 2, RUNNING: 3 }, 'p-rule-web  add 2 OU(s) × 1 region(s)  RUNNING  (2 SUCCEEDED, 3 RUNNING, 1 PENDING, 1 FAILED)'],
  ])('formats counts %p in a fixed order', (counts, line) => {
    expect(formatProgressLine({ step, operationId: 'op-1', status: 'RUNNING', counts })).toBe(line);
  });

  it('prints a plain line per change when not on a terminal', () => {
    const written: string[] = [];
    const sink = createProgressPrinter({ write: (t) => written.push(t), isTTY: false });
    sink.update({ step, operationId: 'op-1', status: 'RUNNING', counts: { PENDING: 4 } });
    sink.update({ step, operationId: 'op-1', status: 'RUNNING', counts: { PENDING: 4 } });
    sink.update({ step, operationId: 'op-1', status: 'SUCCEEDED', counts: { SUCCEEDED: 4 } });
    expect(written).toEqual(['p-rule-web  add 2 OU(s) × 1 region(s)  RUNNING  (4 PENDING)\n', 'p-rule-web  add 2 OU(s) × 1 region(s)  SUCCEEDED  (4 SUCCEEDED)\n']);
  });

  it('redraws one line per stack set in place on a terminal', () => {
    const written: string[] = [];
    const sink = createProgressPrinter({ write: (t) => written.push(t), isTTY: true });
    sink.update({ step, operationId: 'op-1', status: 'RUNNING', counts: {} });
    sink.update({ step: other, operationId: 'op-2', status: 'RUNNING', counts: {} });
    sink.update({ step, operationId: 'op-1', status: 'SUCCEEDED', counts: {} });
    expect(written[0]).toBe('\u001b[2Kp-rule-web  add 2 OU(s) × 1 region(s)  RUNNING\n');
    expect(written[2]).toBe('\u001b[2F\u001b[2Kp-rule-web  add 2 OU(s) × 1 region(s)  SUCCEEDED\n\u001b[2Kp-rule-mail  add 2 OU(s) × 1 region(s)  RUNNING\n');
  });
});
