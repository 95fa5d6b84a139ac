/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` module in turn. Each exports `run(): Promise<void>`
 * and prints its own table. Benchmarks never run inside `npm test`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { replaceNodeVersionWarning } from '../src/aws/sdk-environment';

interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  // One line instead of the SDK's nine-line Node.js-version warning, as the CLI does.
  const note = replaceNodeVersionWarning(process.env);
  if (note !== undefined) console.log(note);
  const dir = path.resolve(__dirname, '..', 'test', 'bench');
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  for (const file of files) {
    console.log(`\n## ${file}`);
    const mod = (await import(path.join(dir, file))) as BenchModule;
    await mod.run();
  }
  if (files.length === 0) console.log('No benchmarks yet.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
