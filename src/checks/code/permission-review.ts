import { customerKeysOf, keyPolicyAllows } from './encryption-keys';
import { functionCode } from './function-code';
import { GrantedStatement, rolePermissionsOf } from './granted-statements';
import { platformActionsOf } from './platform-actions';
import { HandlerActions, actionsOfHandler } from '../../policy/code/handler-actions';
import { kmsActionsOf } from '../../policy/code/kms-dependent-actions';
import { servicePrefixOf } from '../../policy/code/sdk-actions';
import { SdkCall } from '../../policy/code/sdk-calls';
import { asList, refersTo } from '../../policy/template-json';
import { actionsOf } from '../policy-document';
import { actionPatternMatches } from '../rules/iam/iam-policies';
import { RenderedResource, referencedResource, resourcesOfType } from '../template-view';

/** An action (or pattern) the role grants that nothing the function does needs. */
export interface UnusedGrant {
  readonly action: string;
  /** The construct path of the policy that grants it. */
  readonly source: string;
}

/** An action the code calls that the role does not allow (on the resource the call names). */
export interface MissingGrant {
  readonly action: string;
  readonly calls: readonly SdkCall[];
  /**
   * The logical id of the resource the call names, when an environment variable says which; for a
   * KMS action a call needs through an encrypted resource, the logical id of the key.
   */
  readonly resource?: string;
}

/** What a function's code uses against what its role grants. */
export interface PermissionReview {
  readonly code: HandlerActions;
  /**
   * Every action the function uses: what its code calls, what Lambda does with its role on its
   * behalf, and the KMS actions the calls need on encrypted resources. Unused grants are judged
   * against this, and so are the narrower grants that fix them.
   */
  readonly usedActions: readonly string[];
  readonly granted: readonly GrantedStatement[];
  readonly unused: readonly UnusedGrant[];
  readonly missing: readonly MissingGrant[];
  /** Why the unused grants were not judged, when they were not (code the analysis cannot read). */
  readonly unusedNotJudged?: string;
  /** Why the missing grants were not judged, when they were not (policies the template does not show). */
  readonly missingNotJudged?: string;
}

const reviews = new WeakMap<RenderedResource, PermissionReview | undefined>();

/**
 * Compares what a Node.js or Python function's handler code calls with what its execution role allows.
 * `undefined` when the app does not hold the code or the role is not in the stack.
 */
export function reviewPermissions(fn: RenderedResource): PermissionReview | undefined {
  if (!reviews.has(fn)) {
    reviews.set(fn, review(fn));
  }
  return reviews.get(fn);
}

function review(fn: RenderedResource): PermissionReview | undefined {
  const source = functionCode(fn);
  const permissions = source && rolePermissionsOf(fn);
  if (source === undefined || permissions === undefined) {
    return undefined;
  }
  const code = actionsOfHandler(source.reader, source.entry);
  const codeActions = code.used.map(used => used.action);
  // The KMS actions the calls need on an encrypted resource, from the same table the missing-grant side reads.
  const used = [...codeActions, ...platformActionsOf(fn), ...code.used.flatMap(({ action, calls }) =>
    calls.flatMap(call => kmsActionsOf(action, `${servicePrefixOf(call.sdkPackage)}:${call.operation}`)))];

  const unusedNotJudged = code.unknown.length > 0 ? 'part of the code calls AWS in a way the analysis cannot resolve'
    : code.used.length === 0 ? 'the code makes no AWS SDK call the analysis recognises: a stub, or AWS called through a library it does not model'
      : undefined;
  const unused: UnusedGrant[] = [];
  if (unusedNotJudged === undefined) {
    for (const { statement, source: policy } of permissions.statements) {
      if (policy.startsWith('AWS managed policy')) {
        continue;
      }
      for (const action of actionsOf(statement)) {
        if (!used.some(candidate => actionPatternMatches(action, candidate))) {
          unused.push({ action, source: policy });
        }
      }
    }
  }

  // Calls made with the credentials of an assumed role need that role's permissions, not these.
  const assumesRole = codeActions.includes('sts:AssumeRole');
  const missingNotJudged = permissions.opaque ? 'the role has managed policies whose content the template does not show'
    : assumesRole ? 'the code assumes another role, and calls made with its credentials need that role\'s permissions' : undefined;
  const missing: MissingGrant[] = [];
  if (missingNotJudged === undefined) {
    for (const { action, calls } of code.used) {
      for (const [resource, callsOnIt] of groupByResource(fn, calls)) {
        const allowed = permissions.statements.some(({ statement }) =>
          actionsOf(statement).some(pattern => actionPatternMatches(pattern, action)) && coversResource(statement.Resource, resource));
        if (!allowed) {
          missing.push({ action, calls: callsOnIt, resource });
        }
        missing.push(...missingKeyActions(fn, permissions.statements, permissions.roleLogicalId, action, callsOnIt, resource));
      }
    }
  }
  return {
    code,
    usedActions: [...new Set(used)],
    granted: permissions.statements,
    unused,
    missing: mergeByActionAndResource(missing),
    unusedNotJudged,
    missingNotJudged,
  };
}

/**
 * The KMS actions that calls of one action on a resource encrypted with a customer managed key of
 * the stack need on that key (`kms:Decrypt` to receive from a CMK queue), and that neither the
 * role's policies (on that key, or any key) nor the key's own policy allow.
 */
function missingKeyActions(fn: RenderedResource, statements: readonly GrantedStatement[], roleLogicalId: string,
  action: string, calls: readonly SdkCall[], resourceId: string | undefined): MissingGrant[] {
  const resource = resourceId === undefined ? undefined : renderedResource(fn, resourceId);
  const keys = resource === undefined ? [] : customerKeysOf(resource);
  const missing: MissingGrant[] = [];
  for (const key of keys) {
    const needed = new Map<string, SdkCall[]>();
    for (const call of calls) {
      for (const kmsAction of kmsActionsOf(action, `${servicePrefixOf(call.sdkPackage)}:${call.operation}`)) {
        needed.set(kmsAction, [...(needed.get(kmsAction) ?? []), call]);
      }
    }
    for (const [kmsAction, callsNeedingIt] of needed) {
      const allowed = statements.some(({ statement }) =>
        actionsOf(statement).some(pattern => actionPatternMatches(pattern, kmsAction)) && coversResource(statement.Resource, key.logicalId))
        || keyPolicyAllows(key, roleLogicalId, kmsAction);
      if (!allowed) {
        missing.push({ action: kmsAction, calls: callsNeedingIt, resource: key.logicalId });
      }
    }
  }
  return missing;
}

/** One grant per action and resource, with the calls of all (two calls on a CMK table both need its key's `kms:Decrypt`). */
function mergeByActionAndResource(missing: readonly MissingGrant[]): MissingGrant[] {
  const merged = new Map<string, MissingGrant>();
  for (const grant of missing) {
    const id = `${grant.action} ${grant.resource ?? ''}`;
    const known = merged.get(id);
    merged.set(id, known === undefined ? grant : { ...known, calls: [...known.calls, ...grant.calls.filter(call => !known.calls.includes(call))] });
  }
  return [...merged.values()];
}

function renderedResource(fn: RenderedResource, logicalId: string): RenderedResource | undefined {
  const reference = referencedResource(fn.node, { Ref: logicalId });
  return reference && resourcesOfType(fn.node, reference.type).find(candidate => candidate.logicalId === logicalId);
}

/** The calls of one action by the resource their environment variables name (`undefined`: unknown). */
function groupByResource(fn: RenderedResource, calls: readonly SdkCall[]): Map<string | undefined, SdkCall[]> {
  const variables = fn.properties.Environment?.Variables ?? {};
  const groups = new Map<string | undefined, SdkCall[]>();
  for (const call of calls) {
    const resources = call.environmentVariables
      .map(name => referencedResource(fn.node, variables[name]))
      .filter(resource => resource !== undefined && servicePrefixOf(call.sdkPackage) === serviceOfType(resource.type))
      .map(resource => resource!.logicalId);
    for (const resource of resources.length > 0 ? resources : [undefined]) {
      groups.set(resource, [...(groups.get(resource) ?? []), call]);
    }
  }
  return groups;
}

/** `AWS::DynamoDB::Table` → `dynamodb`. */
function serviceOfType(type: string): string {
  return type.split('::')[1]?.toLowerCase() ?? '';
}

/**
 * Whether a statement's resources include the one the call names: `*`, a reference to it
 * (its ARN, or its ARN joined with `/*`), or a literal ARN the analysis cannot tie to any
 * resource of the stack (given the benefit of the doubt: an error must be certain).
 */
function coversResource(resource: unknown, logicalId: string | undefined): boolean {
  const values = asList(resource);
  if (logicalId === undefined) {
    return values.length > 0;
  }
  return values.some(value => typeof value === 'string' || refersTo(value, logicalId));
}
