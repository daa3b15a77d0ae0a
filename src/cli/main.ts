#!/usr/bin/env node
/**
 * The `cdk-secure-serverless` command (package.json `bin` → `lib/cli/main.js`).
 * Everything it does is in `run`, which tests call in-process.
 */
import { run } from './run';

if (require.main === module) {
  // exitCode, not exit(): stdout is flushed before the process ends, even into a pipe.
  process.exitCode = run(process.argv.slice(2), {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    cwd: process.cwd(),
  });
}
