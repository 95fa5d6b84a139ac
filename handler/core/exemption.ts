/**
 * The exemption tag. A group carrying the tag is exempt; a tag value that is an ISO date or
 * date-time makes the exemption time-boxed:
 *   `2026-12-31`            exempt through the end of that day (UTC), evaluated again from 2027-01-01
 *   `2026-12-31T18:00:00Z`  exempt until that instant (an offset such as +02:00 works too)
 *   any other value         exempt without end (e.g. `true`, a ticket number, empty)
 * A value that looks like a date but is not one (`2026-02-30`) exempts nothing: a typo must not
 * switch the guardrail off for good. The evaluation says so, so the owner can fix the tag.
 */

export type Exemption =
  | { readonly kind: 'none' }
  | { readonly kind: 'exempt'; readonly until?: Date }
  | { readonly kind: 'expired'; readonly until: Date }
  | { readonly kind: 'invalid-date'; readonly value: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LOOKS_LIKE_DATE = /^\d{4}-\d{1,2}-\d{1,2}/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function evaluateExemption(
  tags: ReadonlyMap<string, string>,
  tagKey: string,
  now: Date,
): Exemption {
  const value = tags.get(tagKey);
  if (value === undefined) return { kind: 'none' };
  const trimmed = value.trim();
  const until = parseExemptionEnd(trimmed);
  if (until === undefined) {
    return LOOKS_LIKE_DATE.test(trimmed) ? { kind: 'invalid-date', value } : { kind: 'exempt' };
  }
  return now.getTime() < until.getTime() ? { kind: 'exempt', until } : { kind: 'expired', until };
}

/** The instant the exemption ends, or undefined when the value is not an ISO date or date-time. */
function parseExemptionEnd(value: string): Date | undefined {
  if (DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    // Date.parse rolls 2026-02-30 over to March 2: only a date that formats back to itself is real.
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== value) return undefined;
    return new Date(start + DAY_MS);
  }
  if (DATE_TIME.test(value)) {
    const instant = Date.parse(value);
    const [year, month, day] = value.slice(0, 10).split('-').map(Number);
    const probe = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
    if (Number.isNaN(instant) || probe.toISOString().slice(0, 10) !== value.slice(0, 10)) return undefined;
    return new Date(instant);
  }
  return undefined;
}

/** A short phrase for annotations and logs, e.g. `exempt by tag sg-guardrail:exempt until 2027-01-01T00:00:00.000Z`. */
export function describeExemption(exemption: Exemption, tagKey: string): string | undefined {
  switch (exemption.kind) {
    case 'none':
      return undefined;
    case 'exempt':
      return exemption.until === undefined
        ? `exempt by tag ${tagKey}`
        : `exempt by tag ${tagKey} until ${exemption.until.toISOString()}`;
    case 'expired':
      return `exemption ${tagKey} expired ${exemption.until.toISOString()}`;
    case 'invalid-date':
      return `exemption ${tagKey}="${exemption.value}" ignored: not a real ISO date`;
  }
}
