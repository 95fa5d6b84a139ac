/**
 * The options every SDK client of the CLI is built with. Region, credentials and endpoint come from
 * the standard SDK environment (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL): nothing here overrides
 * them. Adaptive retry adds client-side rate limiting on throttling: Organizations publishes no TPS
 * and throttles a fast tree walk; StackSets, Config and Service Catalog throttle polling and paging.
 */
export const SDK_CLIENT_OPTIONS = { retryMode: 'adaptive', maxAttempts: 6 } as const;
