import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fc from 'fast-check';
import { SecureFunction } from '../../src';
import { minimalFunctionProps } from '../helpers';

/** The pieces the property tests build random props and apps from. */

/** A prop left out, or set to a random value. */
export function optional<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(value, { nil: undefined });
}

/** A customer-managed key of the user's own, instead of the stack key. */
export function userKey(stack: Stack): kms.Key {
  return new kms.Key(stack, 'Key', { enableKeyRotation: true });
}

/** `count` SecureFunctions, each given access to the construct by `grant`. */
export function grantToFunctions(stack: Stack, count: number, grant: (fn: SecureFunction) => void): void {
  for (let index = 0; index < count; index++) {
    grant(new SecureFunction(stack, `Grantee${index}`, minimalFunctionProps));
  }
}

/** A reason for a loosening prop, as a user writes one: some words. */
export const reason = fc.stringMatching(/^[A-Za-z][A-Za-z ,.-]{4,40}$/);
