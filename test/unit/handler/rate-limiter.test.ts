import { createTokenBucket, WRITE_RATE } from '../../../handler/rate-limiter';
import { createWorkPool } from '../../../handler/work-pool';

/** Time moves only when the limiter sleeps. */
function manualClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let time = 0;
  const slept: number[] = [];
  return {
    now: () => time,
    async sleep(ms) {
      slept.push(ms);
      time += ms;
    },
    slept,
  };
}

describe('createTokenBucket', () => {
  it('lets a burst of `capacity` through at once, then one call per 1/refill seconds', async () => {
    const clock = manualClock();
    const bucket = createTokenBucket({ capacity: 3, refillPerSecond: 2, clock });
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await bucket.take();
      times.push(clock.now());
    }
    expect(times).toEqual([0, 0, 0, 500, 1000, 1500]);
  });

  it('serves concurrent callers in order, each waiting its own turn', async () => {
    const clock = manualClock();
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 4, clock });
    const order: number[] = [];
    await Promise.all([0, 1, 2].map(async (i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
    expect(clock.now()).toBe(500);
  });

  it('the write rate stays at half of EC2s refill (5/s for AuthorizeSecurityGroupIngress and RevokeSecurityGroupIngress) and well under its burst (50)', async () => {
    expect(WRITE_RATE.refillPerSecond).toBeLessThanOrEqual(5 / 2);
    expect(WRITE_RATE.capacity).toBeLessThanOrEqual(50 / 5);
    const clock = manualClock();
    const bucket = createTokenBucket({ ...WRITE_RATE, clock });
    for (let i = 0; i < 110; i += 1) await bucket.take();
    // 10 at once, then 100 more at 2.5 per second.
    expect(clock.now()).toBe(40_000);
  });
});

describe('createWorkPool', () => {
  it('runs at most `limit` tasks at once and drains them all', async () => {
    const pool = createWorkPool(2);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await pool.submit(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        done.push(i);
      });
    }
    await pool.drain();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(pool.peak).toBe(2);
  });

  it('a task that throws does not stall the pool; drain rethrows it', async () => {
    const pool = createWorkPool(1);
    await pool.submit(async () => {
      throw new Error('boom');
    });
    let ran = false;
    await pool.submit(async () => {
      ran = true;
    });
    await expect(pool.drain()).rejects.toThrow('boom');
    expect(ran).toBe(true);
  });
});
