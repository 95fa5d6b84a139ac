/**
 * CloudFormation checks AllowedPattern with Java's regex engine, not JavaScript's: the pattern
 * tables, values generated from the grammar and every template's defaults, matched by a real JVM.
 */
import fc from 'fast-check';
import {
  ALLOWED_CIDRS_PATTERN,
  ALLOWED_INGRESS_PATTERN,
  BUCKET_NAME_PATTERN,
  CONFIG_RULE_NAME_PATTERN,
  EXEMPT_TAG_KEY_PATTERN,
  KEY_PREFIX_PATTERN,
} from '../../../templates/parameters';
import { plainTemplate } from './fixtures';
import { JAVA, describeWithTool } from '../../optional-tools';
import { matchInJava } from './java-regex';
import {
  BUCKET_NAME_CASES,
  CONFIG_RULE_NAME_CASES,
  CIDR_CASES,
  EXEMPT_TAG_KEY_CASES,
  INGRESS_CASES,
  KEY_PREFIX_CASES,
  entry,
  ingressParses,
  matches,
} from './parameter-cases';
import type { JsonObject } from './template-lint';

interface Case {
  readonly pattern: string;
  readonly value: string;
  readonly expected: boolean | 'invalid';
}

const TABLE_CASES: readonly Case[] = [
  ...INGRESS_CASES.map(([value, , expected]) => ({ pattern: ALLOWED_INGRESS_PATTERN, value, expected })),
  ...CIDR_CASES.map(([value, , expected]) => ({ pattern: ALLOWED_CIDRS_PATTERN, value, expected })),
  ...EXEMPT_TAG_KEY_CASES.map(([value, expected]) => ({ pattern: EXEMPT_TAG_KEY_PATTERN, value, expected })),
  ...BUCKET_NAME_CASES.map(([value, expected]) => ({ pattern: BUCKET_NAME_PATTERN, value, expected })),
  ...KEY_PREFIX_CASES.map(([value, expected]) => ({ pattern: KEY_PREFIX_PATTERN, value, expected })),
  ...CONFIG_RULE_NAME_CASES.map(([value, expected]) => ({ pattern: CONFIG_RULE_NAME_PATTERN, value, expected })),
];

/** Non-blank values the parser accepts, generated from the grammar (exotic whitespace included). */
const GENERATED_CASES: readonly Case[] = fc
  .sample(fc.array(entry, { maxLength: 6 }), { numRuns: 3000, seed: 20261127 })
  .map((entries) => entries.join(','))
  .filter((value) => ingressParses(value))
  .map((value) => ({ pattern: ALLOWED_INGRESS_PATTERN, value, expected: true }));

const TEMPLATES = ['baseline', 'rule', 'standalone', 'aggregator', 'portfolio', 'launch-role'] as const;

/** A template's string defaults against their own AllowedPattern. */
function defaultCases(name: (typeof TEMPLATES)[number]): Case[] {
  return Object.values(plainTemplate(name).Parameters as Record<string, JsonObject>)
    .filter((p) => typeof p.AllowedPattern === 'string' && typeof p.Default === 'string')
    .map((p) => ({ pattern: p.AllowedPattern as string, value: p.Default as string, expected: true }));
}

/** Controls: `\s` is ASCII-only in Java (Unicode in JavaScript); a broken pattern is reported. */
const CONTROL_CASES: readonly Case[] = [
  { pattern: String.raw`^\s$`, value: '\u00a0', expected: false },
  { pattern: '(', value: '', expected: 'invalid' },
];

// Java is an optional test tool (test/optional-tools.ts): where it is missing these are skipped and listed.
describeWithTool(JAVA, 'the patterns in Java regex semantics (CloudFormation checks AllowedPattern with Java)', () => {
  // One JVM for every case: starting java (and compiling the checker) is the slow part.
  const all = [TABLE_CASES, GENERATED_CASES, ...TEMPLATES.map(defaultCases), CONTROL_CASES];
  let results: (boolean | 'invalid')[][] = [];
  beforeAll(() => {
    const flat = matchInJava(all.flat());
    let offset = 0;
    results = all.map((cases) => flat.slice(offset, (offset += cases.length)));
  }, 60_000);
  const check = (index: number) => {
    const cases = all[index] ?? [];
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.map((c, i) => [c.value, results[index]?.[i]])).toEqual(cases.map((c) => [c.value, c.expected]));
  };

  it('every value of the pattern tables matches in Java exactly as in JavaScript', () => check(0));

  it('every non-blank value the parser accepts matches in Java (generated from the grammar)', () => {
    expect(GENERATED_CASES.length).toBeGreaterThan(300);
    check(1);
  });

  it.each(TEMPLATES.map((name, i) => [name, i + 2] as const))('%s: every Default matches its AllowedPattern in Java', (_name, index) =>
    check(index),
  );

  it('the check itself tells Java from JavaScript: \\s is ASCII-only in Java', () => {
    check(all.length - 1);
    expect(matches(String.raw`^\s$`, '\u00a0')).toBe(true);
  });
});
