import { CfnResource } from 'aws-cdk-lib';
import { possibleValues } from '../../../policy/intrinsics';
import { API_GATEWAY_ACCOUNT_THROTTLE } from '../../../policy/quotas';
import { rendered, RenderedResource, resourcesOfType, templateContextOf } from '../../template-view';

/*
 * Local helpers of the API Gateway rules: reading template values that a condition (`Fn::If`)
 * or a deploy-time intrinsic may decide, and the stage settings of a REST API.
 */

/** A value that only deployment decides: a parameter `Ref`, an import, a `Fn::Select`… */
export const DEPLOY_TIME = Symbol('deploy-time');

type Json = { [key: string]: unknown };

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the value is an intrinsic function (`{ Ref }`, `{ 'Fn::…' }`), not a literal. */
export function isIntrinsic(value: unknown): value is Json {
  if (!isRecord(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * The values a rendered value can take: both branches of an `Fn::If` (recursively),
 * `undefined` for `AWS::NoValue`, the value itself otherwise (intrinsics included).
 */
export function alternatives(value: unknown): unknown[] {
  if (isRecord(value) && value.Ref === 'AWS::NoValue') {
    return [undefined];
  }
  const condition = isRecord(value) ? value['Fn::If'] : undefined;
  if (Array.isArray(condition) && condition.length === 3) {
    return [...alternatives(condition[1]), ...alternatives(condition[2])];
  }
  return [value];
}

/**
 * The values found at a property path, every `Fn::If` on the way expanded into its branches.
 * An intrinsic met on the way (or at the end) is `DEPLOY_TIME`; a missing property `undefined`.
 */
export function valuesAt(root: unknown, ...path: string[]): unknown[] {
  return alternatives(root).flatMap(value => {
    if (isIntrinsic(value)) {
      return [DEPLOY_TIME];
    }
    if (path.length === 0) {
      return [value];
    }
    return isRecord(value) ? valuesAt(value[path[0]], ...path.slice(1)) : [undefined];
  });
}

/**
 * Like `valuesAt`, but an intrinsic at the end of the path is evaluated over the stack's
 * parameters (their `Default`, or each of their `AllowedValues`) and `Fn::If` branches: a
 * `{ Ref: Rate }` whose parameter defaults to 20000 is 20000 (as the string CloudFormation makes
 * of it). What only deployment decides (an import, a parameter without a default) stays
 * `DEPLOY_TIME`; an intrinsic met on the way to the end too.
 */
export function evaluatedAt(node: CfnResource, root: unknown, ...path: string[]): unknown[] {
  return alternatives(root).flatMap(value => {
    if (path.length === 0 && isIntrinsic(value)) {
      return possibleValues(value, templateContextOf(node)).map(possible => (possible.complete ? possible.value : DEPLOY_TIME));
    }
    if (isIntrinsic(value)) {
      return [DEPLOY_TIME];
    }
    if (path.length === 0) {
      return [value];
    }
    return isRecord(value) ? evaluatedAt(node, value[path[0]], ...path.slice(1)) : [undefined];
  });
}

/** A number, or a string holding one (CloudFormation accepts both); `undefined` for anything else. */
export function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * Whether a rate or burst limit (the values a template gives them) can be at or above API
 * Gateway's account-level throttle (`src/policy/quotas.ts`): a throttle that high caps nothing.
 */
export function throttleCapsNothing(rates: unknown[], bursts: unknown[]): boolean {
  return possibly(rates, atOrAbove(API_GATEWAY_ACCOUNT_THROTTLE.rateLimit)) || possibly(bursts, atOrAbove(API_GATEWAY_ACCOUNT_THROTTLE.burstLimit));
}

function atOrAbove(ceiling: number): (value: unknown) => boolean {
  return value => {
    const number = numberOf(value);
    return number !== undefined && number >= ceiling;
  };
}

/** The possible lists at a path: each alternative a list of items; `DEPLOY_TIME` when only deployment knows. */
export function listsAt(root: unknown, ...path: string[]): Array<unknown[] | typeof DEPLOY_TIME> {
  return valuesAt(root, ...path).map(value => {
    if (value === DEPLOY_TIME) {
      return DEPLOY_TIME;
    }
    return Array.isArray(value) ? value : [];
  });
}

/**
 * Whether every possible value satisfies the predicate. Deploy-time values pass: the rules give
 * values that only deployment decides the benefit of the doubt, and judge what the template proves.
 */
export function always(values: unknown[], predicate: (value: unknown) => boolean): boolean {
  return values.every(value => value === DEPLOY_TIME || predicate(value));
}

/** Whether some possible literal value satisfies the predicate (deploy-time values do not). */
export function possibly(values: unknown[], predicate: (value: unknown) => boolean): boolean {
  return values.some(value => value !== DEPLOY_TIME && predicate(value));
}

/** A positive number, or a string holding one (CloudFormation accepts both). */
export function isPositiveNumber(value: unknown): boolean {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0;
}

/** `true`, or the string `'true'` (CloudFormation accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A value that is set: not missing and not an empty string. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The upper-case form of a string value; other values unchanged. */
export function upper(value: unknown): unknown {
  return typeof value === 'string' ? value.toUpperCase() : value;
}

/**
 * Whether a value is a reference to the resource with this logical id: `{ Ref: id }` or
 * `{ 'Fn::GetAtt': [id, …] }` (exactly, not inside a longer expression).
 */
export function isReferenceTo(value: unknown, logicalId: string): boolean {
  if (!isRecord(value)) {
    return false;
  }
  if (value.Ref === logicalId) {
    return true;
  }
  const getAtt = value['Fn::GetAtt'];
  return (Array.isArray(getAtt) && getAtt[0] === logicalId)
    || (typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId);
}

/** The resource of the node's stack of one of the types that the value references, if any. */
export function referencedResource(node: CfnResource, value: unknown, ...types: string[]): RenderedResource | undefined {
  return types.flatMap(type => resourcesOfType(node, type)).find(resource => isReferenceTo(value, resource.logicalId));
}

/**
 * A rendered string expression as one string in `Fn::Sub` syntax: `Fn::Join` parts joined,
 * `{ Ref: X }` as `${X}`, `{ 'Fn::GetAtt': [X, A] }` as `${X.A}`, `Fn::Sub` variables substituted,
 * other intrinsics as `${<their JSON>}`. Two expressions that point at the same thing flatten alike.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (!isRecord(value)) {
    return '${' + JSON.stringify(value) + '}';
  }
  if (typeof value.Ref === 'string') {
    return '${' + value.Ref + '}';
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    return '${' + getAtt.map(part => flatten(part)).join('.') + '}';
  }
  if (typeof getAtt === 'string') {
    return '${' + getAtt + '}';
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1])) {
    return join[1].map(part => flatten(part)).join(typeof join[0] === 'string' ? join[0] : '');
  }
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub;
  }
  if (Array.isArray(sub) && typeof sub[0] === 'string') {
    const variables = isRecord(sub[1]) ? sub[1] : {};
    return sub[0].replace(/\$\{([^}!]+)\}/g, (whole, name: string) => (name in variables ? flatten(variables[name]) : whole));
  }
  return '${' + JSON.stringify(value) + '}';
}

/**
 * A REST API stage as the rules see it: an `AWS::ApiGateway::Stage`, or the stage that an
 * `AWS::ApiGateway::Deployment` with a `StageName` creates from its `StageDescription`.
 */
export interface RestStage {
  readonly resource: RenderedResource;
  /** The path of the stage settings (`MethodSettings`, `AccessLogSetting`…) in the resource's properties. */
  readonly settingsPath: string[];
  /** Whether stage-wide throttling and data trace are also top-level settings (a deployment's `StageDescription`). */
  readonly hasTopLevelMethodSettings: boolean;
  readonly restApiId: unknown;
  readonly stageName: unknown;
}

/** The resource types that hold a REST API stage's settings: a stage, or a deployment that creates one. */
export const REST_STAGE_TYPES = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

/** The REST API stage that the node defines, or `undefined` (other types, deployments without a stage). */
export function restStageOf(node: CfnResource): RestStage | undefined {
  if (node.cfnResourceType === 'AWS::ApiGateway::Stage') {
    const resource = rendered(node);
    return {
      resource,
      settingsPath: [],
      hasTopLevelMethodSettings: false,
      restApiId: resource.properties.RestApiId,
      stageName: resource.properties.StageName,
    };
  }
  if (node.cfnResourceType === 'AWS::ApiGateway::Deployment') {
    const resource = rendered(node);
    if (!isSet(resource.properties.StageName)) {
      return undefined;
    }
    return {
      resource,
      settingsPath: ['StageDescription'],
      hasTopLevelMethodSettings: true,
      restApiId: resource.properties.RestApiId,
      stageName: resource.properties.StageName,
    };
  }
  return undefined;
}

/** The values at a path of the stage's settings. */
export function stageValuesAt(stage: RestStage, ...path: string[]): unknown[] {
  return valuesAt(stage.resource.properties, ...stage.settingsPath, ...path);
}

/** The possible `MethodSettings` lists of the stage. */
export function methodSettingsOf(stage: RestStage): Array<unknown[] | typeof DEPLOY_TIME> {
  return listsAt(stage.resource.properties, ...stage.settingsPath, 'MethodSettings');
}

/**
 * Whether an API Gateway `SecurityPolicy` requires TLS 1.2 or newer: the legacy `TLS_1_2`, or an
 * enhanced policy whose name starts with `SecurityPolicy_TLS13` or `SecurityPolicy_TLS12`.
 * `TLS_1_0`, a missing policy and any other name are not.
 */
export function isModernTlsPolicy(policy: unknown): boolean {
  return typeof policy === 'string'
    && (policy === 'TLS_1_2' || policy.startsWith('SecurityPolicy_TLS13') || policy.startsWith('SecurityPolicy_TLS12'));
}
