/**
 * What plan, apply and status share on the command line: the -c option, the AWS help footer, the
 * checks of -c and --poll-seconds. Nothing here loads the SDK: `--help` and usage mistakes stay fast.
 */
import { UsageError } from '../../src/errors';

/** The help footer of plan, apply and status: where to run and which AWS settings apply. */
export const AWS_ENVIRONMENT_HELP = [
  '',
  'Run it with credentials of the management account (callAs: SELF) or of a registered StackSets',
  'delegated administrator (callAs: DELEGATED_ADMIN). AWS settings come from the standard SDK',
  'environment: AWS_PROFILE, AWS_REGION (the region the stack sets are administered in: use the same',
  'one every time), AWS_ENDPOINT_URL. Permissions: docs/iam.md.',
  'Usage mistakes and a bad config exit 1 before any AWS call.',
].join('\n');

export const CONFIG_OPTION = { config: { type: 'string', short: 'c' } } as const;

/** The fix for a stray argument of a deploy command: it is most likely the config file without -c. */
export const strayConfigFix =
  (command: string) =>
  (argument: string): string =>
    `give the config file with -c: sg-guardrail ${command} -c ${argument}.`;

/** `-c FILE` is required by every deploy command. */
export function requireConfig(value: string | undefined, command: string): string {
  if (value === undefined) {
    throw new UsageError('no config file given.', { where: '-c', fix: `pass -c FILE, e.g. sg-guardrail ${command} -c examples/organization.yaml. See sg-guardrail ${command} --help.` });
  }
  return value;
}

/** `--poll-seconds N` (default 10): how often running operations are polled. */
export function pollIntervalMs(value: string | undefined, command: string): number {
  const seconds = value === undefined ? 10 : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`"${value}" is not a number of seconds.`, { where: '--poll-seconds', fix: `pass a number such as 10 (0 polls without waiting). See sg-guardrail ${command} --help.` });
  }
  return seconds * 1000;
}
