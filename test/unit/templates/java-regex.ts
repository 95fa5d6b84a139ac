/**
 * CloudFormation checks AllowedPattern with Java's regex engine, whose classes differ from
 * JavaScript's (`\s` is ASCII-only in Java, Unicode in JavaScript). These helpers ask a real JVM,
 * through java/AllowedPatternCheck.java (run as a single-file source program, JDK 11+).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { JAVA } from '../../optional-tools';

export interface PatternQuery {
  readonly pattern: string;
  readonly value: string;
}

const PROGRAM = path.join(__dirname, 'java', 'AllowedPatternCheck.java');

/** Whether each value matches its pattern as CloudFormation decides it: `true`, `false` or `'invalid'` (no compile). */
export function matchInJava(queries: readonly PatternQuery[]): (boolean | 'invalid')[] {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const input = queries.map((q) => `${b64(q.pattern)}\t${b64(q.value)}\n`).join('');
  const run = spawnSync(JAVA.command ?? 'java', [PROGRAM], { input, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  if (run.status !== 0 || lines.length !== queries.length) {
    throw new TypeError(`java ${PROGRAM} failed (status ${String(run.status)}): ${run.stderr}`);
  }
  return lines.map((line) => (line === 'E' ? 'invalid' : line === '1'));
}
