import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The package's version, read from package.json at run time: two folders up from both
 * `src/cli` (ts-node) and `lib/cli` (the published build).
 */
export function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Where the project lives; SARIF's `informationUri`. */
export const INFORMATION_URI = 'https://github.com/cdk-secure-serverless/cdk-secure-serverless';
