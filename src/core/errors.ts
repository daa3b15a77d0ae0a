import { UnscopedValidationError, ValidationError } from 'aws-cdk-lib/core/lib/errors';
import { IConstruct } from 'constructs';

/**
 * Builds the one kind of error every construct of this library throws for bad input.
 *
 * aws-cdk-lib's `ValidationError` is `@internal` and its constructor changed from
 * `(message, scope)` to `(name, message, scope)` in 2.258, so it is wrapped here once.
 * The message always names the construct path, the prop and the fix, because the CDK
 * prints the message without the path.
 *
 * @param scope the construct whose input is wrong
 * @param name a stable, PascalCase id of the error (e.g. `ReservedConcurrencyTooLow`)
 * @param problem what is wrong, naming the prop
 * @param fix what the user should do instead
 * @param path the construct path to name, when the construct does not exist yet (validation
 *   before `super()`); defaults to the scope's path
 */
export function secureValidationError(scope: IConstruct, name: string, problem: string, fix: string, path: string = scope.node.path): Error {
  const errorName = name as ErrorName;
  return new ValidationError(errorName, `${path}: ${problem} Fix: ${fix}`, scope);
}

/**
 * Builds the error for bad input to something that is not a construct and has no scope yet,
 * such as an aspect validating its props in its constructor.
 *
 * aws-cdk-lib's `UnscopedValidationError` is `@internal` like `ValidationError`, so it is
 * wrapped here once too. There is no construct path to name, so the problem must name the
 * class and the prop.
 *
 * @param name a stable, PascalCase id of the error (e.g. `InvalidThrottlingRateLimit`)
 * @param problem what is wrong, naming the class and the prop
 * @param fix what the user should do instead
 */
export function secureUnscopedValidationError(name: string, problem: string, fix: string): Error {
  return new UnscopedValidationError(name as UnscopedErrorName, `${problem} Fix: ${fix}`);
}

/** The path a construct will have once created with this id under this scope. */
export function futurePath(scope: IConstruct, id: string): string {
  return [scope.node.path, id].filter(part => part.length > 0).join('/');
}

/** The branded string type the CDK's error constructor takes as its name. */
type ErrorName = ConstructorParameters<typeof ValidationError>[0];

/** The branded string type the CDK's unscoped error constructor takes as its name. */
type UnscopedErrorName = ConstructorParameters<typeof UnscopedValidationError>[0];
