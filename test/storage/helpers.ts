import { CfnResource, Errors, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Runs `build` and returns the error it throws; fails the test when it throws none. */
export function errorOf(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the construct to throw');
}

/** Asserts that an error is the CDK's ValidationError and names the path, the problem and the fix. */
export function expectValidationError(error: Error, path: string, message: RegExp): void {
  expect(Errors.isValidationError(error)).toBe(true);
  expect(error.message).toMatch(message);
  expect(error.message.startsWith(`${path}: `)).toBe(true);
  expect(error.message).toMatch(/ Fix: \S/);
}

/** Every acknowledgement recorded on the constructs of a stack, as `path ruleId` lines, sorted. */
export function acknowledgementsIn(stack: Stack): string[] {
  return stack.node.findAll()
    .flatMap((construct: IConstruct) => construct.node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.keys(entry.data).map(id => `${construct.node.path} ${id.replace(/^annotation::/i, '')}`)))
    .sort();
}

/** The reason recorded on a resource's template metadata for one acknowledged finding. */
export function acknowledgedReason(resource: IConstruct, id: string): string | undefined {
  const rules = (resource as CfnResource).getMetadata('cdk_nag')?.rules_to_suppress as Array<{ id: string; reason: string }> | undefined;
  return rules?.find(rule => rule.id === id)?.reason;
}
