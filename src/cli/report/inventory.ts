import { EntryPoint, entryPointsOf } from './entry-points';
import { readableSecrets, roleOf, RoleInventory } from './roles';
import { ofType, TemplateModel } from './template-model';
import { Trigger, triggersOf } from './triggers';
import { stringValue } from './values';
import { PermissionSummary } from '../../checks/code/permission-summary';
import { asList } from '../../policy/template-json';
import { FunctionBound, functionBound, functionLimits, SpendBound } from '../../spend/function-bound';
import { SpendPrices } from '../../spend/prices';
import { numberOf } from '../../spend/template';

/** One function, as the security reviewer's inventory shows it. */
export interface FunctionInventory {
  readonly template: string;
  readonly logicalId: string;
  readonly path: string;
  readonly runtime: string;
  readonly architecture: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** The reserved-concurrency cap, or undefined when there is none (or it is not a literal). */
  readonly reservedConcurrency?: number;
  readonly role?: RoleInventory;
  /** Secrets Manager secrets and SSM parameters its role can read. */
  readonly secrets: readonly string[];
  readonly triggers: readonly Trigger[];
  /** Whether a public entry point reaches it, directly or through a queue, topic or bucket that anyone may write to. */
  readonly public: boolean;
  /** A function the CDK created for a custom resource: CloudFormation invokes it during deployments; left out of the app's total. */
  readonly cdkHelper: boolean;
  /** Its own bound, from the worst-case model's limits of the function (src/spend). */
  readonly worstCase: FunctionBound;
  /** What its handler code calls against what its role grants, when the assembly holds the code. */
  readonly permissions?: PermissionSummary;
}

/** What `report` prints. */
export interface Inventory {
  readonly functions: readonly FunctionInventory[];
  readonly entryPoints: readonly EntryPoint[];
  readonly prices: SpendPrices;
  /** The app's worst case per hour: the sum over its functions, CDK helper functions left out. */
  readonly perHour: number;
  /** The functions (paths) a public entry point reaches and no cap bounds: they fail the report. */
  readonly unbounded: readonly string[];
}

/** The inventory of the templates' functions and entry points, and their worst-case spend. */
export function buildInventory(models: readonly TemplateModel[], prices: SpendPrices): Inventory {
  const entryPoints: EntryPoint[] = [];
  const functions: FunctionInventory[] = [];
  for (const model of models) {
    const entries = entryPointsOf(model);
    entryPoints.push(...entries);
    const publiclyWritable = new Set(entries.filter(entry => entry.public).flatMap(entry => entry.opens));
    for (const fn of ofType(model, 'AWS::Lambda::Function')) {
      const props = fn.properties;
      const triggers = triggersOf(model, fn, entries);
      const reachedBy = entries.filter(entry => entry.functions.includes(fn.logicalId));
      const isPublic = reachedBy.some(entry => entry.public)
        || triggers.some(trigger => trigger.sources.some(source => publiclyWritable.has(source)));
      const onlyApis = triggers.length > 0 && triggers.every(trigger => trigger.kind === 'entry-point')
        && reachedBy.every(entry => entry.rateLimit !== undefined);
      const role = roleOf(model, fn);
      const limits = functionLimits(fn.logicalId, props, model.parameterDefaults, prices);
      const architecture = stringValue(asList(props.Architectures as unknown[])[0], model.parameterDefaults) ?? 'x86_64';
      const reservedConcurrency = numberOf(props.ReservedConcurrentExecutions, model.parameterDefaults);
      functions.push({
        template: model.template,
        logicalId: fn.logicalId,
        path: fn.path,
        runtime: stringValue(props.Runtime, model.parameterDefaults) ?? (props.PackageType === 'Image' ? 'container image' : 'unknown'),
        architecture,
        memoryMb: limits.memoryMb,
        timeoutSeconds: limits.timeoutSeconds,
        reservedConcurrency,
        role,
        secrets: readableSecrets(role),
        triggers,
        public: isPublic,
        cdkHelper: fn.cdkHelper,
        permissions: fn.permissions,
        worstCase: functionBound(limits, prices, isPublic, onlyApis ? reachedBy.reduce((sum, entry) => sum + entry.rateLimit!, 0) : undefined),
      });
    }
  }
  return {
    functions,
    entryPoints,
    prices,
    perHour: functions.filter(fn => !fn.cdkHelper).reduce((sum, fn) => sum + fn.worstCase.perHour, 0),
    unbounded: functions.filter(fn => fn.worstCase.bound === SpendBound.UNBOUNDED).map(fn => fn.path),
  };
}
