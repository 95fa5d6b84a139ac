/**
 * Virtual time for benchmarks: `sleep` schedules a timer on a virtual timeline, and `run` advances
 * the timeline to the next timer only when nothing else can run (every pending promise has settled),
 * so code that waits on this clock runs minutes of "latency" in milliseconds, in a deterministic
 * order. Honest only while the code waits on nothing else: a real timer or I/O would stall the run,
 * and `run` then fails rather than guessing.
 */
import type { Clock } from '../../handler/rate-limiter';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private readonly timers: Timer[] = [];

  now = (): number => this.time;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
    });

  /** Runs `task` to its end on virtual time. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    let outcome: { value: T } | { error: unknown } | undefined;
    task().then(
      (value) => {
        outcome = { value };
      },
      (error: unknown) => {
        outcome = { error };
      },
    );
    while (outcome === undefined) {
      // setImmediate runs after every queued promise callback, including those they queue.
      await new Promise((resolve) => setImmediate(resolve));
      if (outcome !== undefined) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (next === undefined) throw new Error('VirtualClock: the task waits on something other than this clock (a real timer or I/O).');
      this.time = next.at;
      next.resolve();
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}
