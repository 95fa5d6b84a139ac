/**
 * The options every SDK client of the CLI is built with. Region, credentials and endpoint come from
 * the standard SDK environment (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL): nothing here overrides
 * them. Adaptive retry adds client-side rate limiting on throttling: Organizations publishes no TPS
 * and throttles a fast tree walk; StackSets, Config and Service Catalog throttle polling and paging.
 * The timeouts (http-timeouts.ts) keep a call from waiting forever.
 */
import { AWS_HTTP_TIMEOUTS } from './http-timeouts';

export const SDK_CLIENT_OPTIONS: { readonly retryMode: 'adaptive'; readonly maxAttempts: number; readonly requestHandler: TimeoutSettings } = {
  retryMode: 'adaptive',
  maxAttempts: 6,
  requestHandler: AWS_HTTP_TIMEOUTS,
};

interface TimeoutSettings {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  readonly throwOnRequestTimeout: boolean;
}

export interface TimeoutOverrides {
  readonly connectionTimeout?: number;
  readonly requestTimeout?: number;
}

/** The client options, with shorter timeouts where a test of a server that never answers asks for them. */
export function sdkClientOptions(timeouts: TimeoutOverrides = {}): typeof SDK_CLIENT_OPTIONS {
  return { ...SDK_CLIENT_OPTIONS, requestHandler: { ...AWS_HTTP_TIMEOUTS, ...timeouts } };
}
