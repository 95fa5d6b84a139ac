// No test may reach AWS: dummy credentials and a closed endpoint make any unmocked SDK call fail
// at once with a connection error instead of waiting on the network.
process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
process.env.AWS_REGION = process.env.AWS_REGION ?? 'us-east-1';
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
delete process.env.AWS_PROFILE;
// The SDK's Node.js-version warning (nine lines per test file on Node 20) is tested, not printed:
// test/unit/aws/sdk-environment.test.ts and test/e2e/cli-process.test.ts. A child process gets it
// only with `env: process.env` (jest's sandbox has its own copy of the environment).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
