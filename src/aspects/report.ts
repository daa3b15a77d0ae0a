import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ANNOTATION_PREFIX, WARNING_ID_PREFIX } from './defaults';

/** The hardenings, as they appear in the ids of the warnings (`cdk-secure-serverless:SecureDefaultsTracing`). */
export enum Hardening {
  TRACING = 'Tracing',
  LOG_RETENTION = 'LogRetention',
  PUBLIC_ACCESS = 'PublicAccess',
  TLS_ONLY = 'TlsOnly',
  API_THROTTLING = 'ApiThrottling',
}

/** Tells the user, on the resource, what the aspect changed there (an info annotation). */
export function reportChange(resource: IConstruct, change: string): void {
  Annotations.of(resource).addInfo(`${ANNOTATION_PREFIX} ${change}`);
}

/**
 * Tells the user, on the resource, what the aspect could not do there and how to do it by hand
 * (a warning, which `Annotations.of(scope).acknowledgeWarning(id, reason)` silences).
 */
export function reportNotDone(resource: IConstruct, hardening: Hardening, problem: string, fix: string): void {
  Annotations.of(resource).addWarningV2(warningId(hardening), `${ANNOTATION_PREFIX} ${problem} Fix: ${fix}`);
}

/** The id of the warnings of one hardening. */
export function warningId(hardening: Hardening): string {
  return `${WARNING_ID_PREFIX}${hardening}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listInWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
