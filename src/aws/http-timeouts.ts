/**
 * Timeouts for every SDK client (the rollout's and the handler's): without them a connection that
 * is accepted and never answered waits forever, as the SDK sets none by default. AWS API calls
 * answer in well under a second; the margins are for slow links and proxies. A timeout is retried
 * like any transient error (up to the client's maxAttempts), then fails with the endpoint named
 * (src/aws/sdk-environment.ts).
 */
export const AWS_HTTP_TIMEOUTS = {
  /** TCP connect (the socket's `connect`). */
  connectionTimeout: 5_000,
  /** The whole request and response. */
  requestTimeout: 10_000,
  /** Without it the SDK only logs a warning when requestTimeout passes, and keeps waiting. */
  throwOnRequestTimeout: true,
} as const;
