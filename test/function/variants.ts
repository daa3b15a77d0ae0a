import { join } from 'path';
import { Construct } from 'constructs';
import { SecureFunction, SecureFunctionProps, SecureNodejsFunction } from '../../src';
import { minimalFunctionProps } from '../helpers';

/** The TypeScript handler fixture that SecureNodejsFunction bundles with esbuild, locally. */
export const GREETING_ENTRY = join(__dirname, '..', 'fixtures', 'handlers', 'greeting', 'index.ts');

/** Any variant of the secure function. */
export type SecureFunctionVariant = SecureFunction | SecureNodejsFunction;

/** Makes a variant with its smallest valid code and the given props on top. */
export type MakeSecureFunction = (scope: Construct, id: string, props?: Partial<SecureFunctionProps>) => SecureFunctionVariant;

/** A SecureFunction with inline code. */
export const makeSecureFunction: MakeSecureFunction = (scope, id, props = {}) =>
  new SecureFunction(scope, id, { ...minimalFunctionProps, ...props });

/** A SecureNodejsFunction bundling the TypeScript fixture; `code` and `handler` do not apply. */
export const makeSecureNodejsFunction: MakeSecureFunction = (scope, id, props = {}) => {
  const { code: _code, handler: _handler, ...options } = props;
  return new SecureNodejsFunction(scope, id, { entry: GREETING_ENTRY, runtime: minimalFunctionProps.runtime, ...options });
};

/** Both variants, for `describe.each`: the posture is the same code, and each suite proves it for both. */
export const FUNCTION_VARIANTS: Array<[string, MakeSecureFunction]> = [
  ['SecureFunction', makeSecureFunction],
  ['SecureNodejsFunction', makeSecureNodejsFunction],
];
