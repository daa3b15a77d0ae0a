import { CfnElement, CfnResource, Token } from 'aws-cdk-lib';

/** How a plain CfnElement names itself in the template (the method the `logicalId` token calls). */
const CDK_SYNTHESIZE_LOGICAL_ID: unknown = (CfnElement.prototype as unknown as { _synthesizeLogicalId?: unknown })._synthesizeLogicalId;

/**
 * The resource's logical id, worked out the way its `logicalId` token would produce it but
 * without resolving the token, or `undefined` when that cannot be known without resolving.
 *
 * Resolving a logical id goes through the whole token machinery, and for some resources costs
 * far more: an API Gateway deployment's is a hash of the whole API, computed afresh on each
 * resolve. A resource whose class keeps CfnElement's naming and has no override, or a literal
 * one, is named by its stack's `getLogicalId` (which applies `renameLogicalId`) or by that
 * override: exactly what the token produces. Anything else (an override that is itself a token,
 * a class that names itself another way, a second copy of aws-cdk-lib whose internals differ)
 * gets `undefined`, and the caller resolves the token.
 */
export function unresolvedLogicalId(node: CfnResource): string | undefined {
  const element = node as unknown as { readonly _synthesizeLogicalId?: unknown; readonly _logicalIdOverride?: unknown };
  if (CDK_SYNTHESIZE_LOGICAL_ID === undefined || element._synthesizeLogicalId !== CDK_SYNTHESIZE_LOGICAL_ID
    || !Object.prototype.hasOwnProperty.call(node, '_logicalIdOverride')) {
    return undefined;
  }
  const override = element._logicalIdOverride;
  if (override === undefined || override === '') {
    return node.stack.getLogicalId(node);
  }
  return typeof override === 'string' && !Token.isUnresolved(override) ? override : undefined;
}
