/**
 * Lambda runtimes as a neutral policy model: their deprecation dates and the verdict on a runtime
 * on a given day. Imports no construct, so both `SecureFunction` and the rules read it.
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Lambda's deprecation date of each runtime, from the "Lambda runtimes" page of the AWS Lambda
 * developer guide (checked 2026-11-27). After that date a runtime gets no security patches.
 * Runtimes not listed have no published date.
 */
export const RUNTIME_DEPRECATION_DATES: Readonly<Record<string, string>> = Object.freeze({
  'nodejs': '2016-10-31',
  'nodejs4.3': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-10-31',
  'python3.11': '2027-06-30',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'python3.14': '2029-06-30',
  'java8': '2024-01-08',
  'java8.al2': '2027-06-30',
  'java11': '2027-06-30',
  'java17': '2027-06-30',
  'java21': '2029-06-30',
  'java25': '2029-06-30',
  'dotnetcore1.0': '2019-06-27',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  'dotnet6': '2024-12-20',
  'dotnet8': '2026-11-10',
  'dotnet9': '2026-11-10',
  'dotnet10': '2028-11-14',
  'go1.x': '2024-01-08',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  'ruby3.3': '2027-03-31',
  'ruby3.4': '2028-03-31',
  'provided': '2024-01-08',
  'provided.al2': '2026-07-31',
  'provided.al2023': '2029-06-30',
});

/** How long before its deprecation date a runtime earns a warning. */
const DEPRECATION_WARNING_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the runtime check concluded. */
export enum RuntimeVerdict {
  /** Supported, and the latest of its family. */
  CURRENT = 'CURRENT',
  /** Supported, but a newer runtime of the same family exists. */
  NOT_LATEST = 'NOT_LATEST',
  /** Deprecated within the warning window. */
  DEPRECATING = 'DEPRECATING',
  /** Past its deprecation date: no more security patches. */
  DEPRECATED = 'DEPRECATED',
}

/**
 * Judges a runtime on a given day: deprecated, deprecating soon, not the latest of its family,
 * or current. Container-image functions (`Runtime.FROM_IMAGE`) are judged current: their
 * runtime is inside the image.
 */
export function judgeRuntime(runtime: lambda.Runtime, today: Date): RuntimeVerdict {
  const deprecation = RUNTIME_DEPRECATION_DATES[runtime.name];
  if (deprecation !== undefined) {
    const daysLeft = (Date.parse(deprecation) - today.getTime()) / DAY_MS;
    if (daysLeft <= 0) {
      return RuntimeVerdict.DEPRECATED;
    }
    if (daysLeft <= DEPRECATION_WARNING_DAYS) {
      return RuntimeVerdict.DEPRECATING;
    }
  }
  const latest = latestOfFamily(runtime);
  return latest !== undefined && latest.name !== runtime.name ? RuntimeVerdict.NOT_LATEST : RuntimeVerdict.CURRENT;
}

/**
 * The newest runtime of each family, worked out once per family while `lambda.Runtime.ALL`
 * (which every new Runtime joins) keeps its length.
 */
const NEWEST_OF_FAMILY = new Map<lambda.RuntimeFamily, { readonly known: number; readonly newest: lambda.Runtime | undefined }>();

/**
 * The newest runtime of a family that this aws-cdk-lib knows, by version number (variable
 * runtimes such as `NODEJS_LATEST`, which name no fixed version, left out); undefined for a
 * family it has none of.
 */
export function newestRuntimeOf(family: lambda.RuntimeFamily): lambda.Runtime | undefined {
  const remembered = NEWEST_OF_FAMILY.get(family);
  if (remembered !== undefined && remembered.known === lambda.Runtime.ALL.length) {
    return remembered.newest;
  }
  const newest = lambda.Runtime.ALL
    .filter(runtime => runtime.family === family && !runtime.isVariable && runtime !== lambda.Runtime.FROM_IMAGE)
    .reduce<lambda.Runtime | undefined>(
      (best, candidate) => best === undefined || compareVersions(candidate.name, best.name) > 0 ? candidate : best, undefined);
  NEWEST_OF_FAMILY.set(family, { known: lambda.Runtime.ALL.length, newest });
  return newest;
}

/**
 * The newest runtime of the runtime's family that this aws-cdk-lib knows, or the runtime itself
 * when it is newer still (a name this aws-cdk-lib does not know, `runtimeNamed`).
 */
export function latestOfFamily(runtime: lambda.Runtime): lambda.Runtime | undefined {
  if (runtime.family === undefined || runtime === lambda.Runtime.FROM_IMAGE) {
    return undefined;
  }
  const newest = newestRuntimeOf(runtime.family);
  return newest !== undefined && compareVersions(newest.name, runtime.name) > 0 ? newest : runtime;
}

/** Compares runtime names by the numbers in them: `java25` > `java8.al2`, `python3.14` > `python3.9`. */
function compareVersions(a: string, b: string): number {
  const numbers = (name: string) => (name.match(/\d+/g) ?? []).map(Number);
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? -1) - (y[i] ?? -1);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

/** Runtimes built from a name that this aws-cdk-lib does not know, built once per name. */
const UNKNOWN_RUNTIMES = new Map<string, lambda.Runtime>();

/** The runtime family of a runtime name, by its prefix. */
const FAMILY_PREFIXES: ReadonlyArray<readonly [RegExp, lambda.RuntimeFamily]> = [
  [/^nodejs/, lambda.RuntimeFamily.NODEJS],
  [/^python/, lambda.RuntimeFamily.PYTHON],
  [/^java/, lambda.RuntimeFamily.JAVA],
  [/^dotnet/, lambda.RuntimeFamily.DOTNET_CORE],
  [/^go/, lambda.RuntimeFamily.GO],
  [/^ruby/, lambda.RuntimeFamily.RUBY],
  [/^provided/, lambda.RuntimeFamily.OTHER],
];

/**
 * The runtime with this name (`nodejs22.x`), as a template's `Runtime` property names it, so
 * that `judgeRuntime` can judge a function it did not create.
 *
 * A name this aws-cdk-lib does not know (a runtime newer than the library) gets a runtime of
 * the family its prefix names; it is marked variable so that it never becomes another
 * runtime's "latest of family".
 */
export function runtimeNamed(name: string): lambda.Runtime {
  const known = lambda.Runtime.ALL.find(runtime => runtime.name === name && !runtime.isVariable);
  if (known) {
    return known;
  }
  let unknown = UNKNOWN_RUNTIMES.get(name);
  if (!unknown) {
    const family = FAMILY_PREFIXES.find(([prefix]) => prefix.test(name))?.[1];
    unknown = new lambda.Runtime(name, family, { isVariable: true });
    UNKNOWN_RUNTIMES.set(name, unknown);
  }
  return unknown;
}
