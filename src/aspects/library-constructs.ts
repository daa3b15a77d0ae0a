import { IConstruct } from 'constructs';
import { SecureApi, SecureHttpApi } from '../api';
import { SecureDockerImageFunction } from '../function/secure-docker-image-function';
import { SecureFunction } from '../function/secure-function';
import { SecureNodejsFunction } from '../function/secure-nodejs-function';
import { SecureSecret } from '../secrets';
import { AccessLogsBucket, SecureBucket, SecureQueue, SecureTable, SecureTopic } from '../storage';

/**
 * The constructs of this library. They already apply their secure defaults, and every weaker
 * setting they render is one their user asked for by name (`allowUncappedConcurrency`,
 * `tracing: Tracing.DISABLED`…), so `SecureDefaults` leaves everything inside them as it is.
 * Add each new L3 construct here.
 */
function isLibraryConstruct(scope: IConstruct): boolean {
  return scope instanceof SecureFunction
    || scope instanceof SecureNodejsFunction
    || scope instanceof SecureDockerImageFunction
    || scope instanceof SecureBucket
    || scope instanceof AccessLogsBucket
    || scope instanceof SecureTable
    || scope instanceof SecureQueue
    || scope instanceof SecureTopic
    || scope instanceof SecureApi
    || scope instanceof SecureHttpApi
    || scope instanceof SecureSecret;
}

/** Whether the node is, or is inside, a construct of this library. */
export function isInLibraryConstruct(node: IConstruct): boolean {
  return node.node.scopes.some(isLibraryConstruct);
}
