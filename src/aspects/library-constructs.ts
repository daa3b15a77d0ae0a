import { IConstruct } from 'constructs';
import { SecureFunction } from '../function/secure-function';

/**
 * The constructs of this library. They already apply their secure defaults, and every weaker
 * setting they render is one their user asked for by name (`allowUncappedConcurrency`,
 * `tracing: Tracing.DISABLED`…), so `SecureDefaults` leaves everything inside them as it is.
 * Add each new L3 construct here.
 */
const LIBRARY_CONSTRUCTS: ReadonlyArray<abstract new (...args: any[]) => IConstruct> = [SecureFunction];

/** Whether the node is, or is inside, a construct of this library. */
export function isInLibraryConstruct(node: IConstruct): boolean {
  return node.node.scopes.some(scope => LIBRARY_CONSTRUCTS.some(type => scope instanceof type));
}
