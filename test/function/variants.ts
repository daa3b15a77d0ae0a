import { join } from 'path';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SecureDockerImageFunction, SecureFunction, SecureFunctionProps, SecureNodejsFunction } from '../../src';
import { minimalFunctionProps } from '../helpers';

/** The TypeScript handler fixture that SecureNodejsFunction bundles with esbuild, locally. */
export const GREETING_ENTRY = join(__dirname, '..', 'fixtures', 'handlers', 'greeting', 'index.ts');

/** A folder with a Dockerfile; synth hashes it and never builds it. */
export const GREETING_IMAGE_DIR = join(__dirname, '..', 'fixtures', 'images', 'greeting');

/** Any variant of the secure function. */
export type SecureFunctionVariant = SecureFunction | SecureNodejsFunction | SecureDockerImageFunction;

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

/** A SecureDockerImageFunction from the image fixture; `code`, `handler` and `runtime` do not apply. */
export const makeSecureDockerImageFunction: MakeSecureFunction = (scope, id, props = {}) => {
  const { code: _code, handler: _handler, runtime: _runtime, ...options } = props;
  return new SecureDockerImageFunction(scope, id, {
    code: lambda.DockerImageCode.fromImageAsset(GREETING_IMAGE_DIR, { platform: Platform.LINUX_ARM64 }),
    ...options,
  });
};

/**
 * Every variant, the container-image one included, for suites of what all three share (it has
 * no runtime check and no code signing, so the suites of those use `FUNCTION_VARIANTS`).
 */
export const EVERY_FUNCTION_VARIANT: Array<[string, MakeSecureFunction]> = [
  ...FUNCTION_VARIANTS,
  ['SecureDockerImageFunction', makeSecureDockerImageFunction],
];
