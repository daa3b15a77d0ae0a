/**
 * The rules for the name of an environment variable that carries a secret reference, shared by
 * `SecureFunction`'s props validation (before the function exists) and its `addSecret`.
 */

/** Lambda's pattern for environment variable names: a letter, then at least one letter, digit or underscore. */
const VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/** Variables the Lambda runtime sets itself; Lambda refuses a function that sets them. */
const RESERVED_BY_LAMBDA = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/** One problem with a secret variable's name: a stable error name, what is wrong and the fix. */
export interface SecretVariableProblem {
  readonly name: string;
  readonly problem: string;
  readonly fix: string;
}

/**
 * What is wrong with wiring a secret into the variable `name`, or `undefined` when nothing is.
 *
 * @param name the environment variable name
 * @param prop how the user passed it (`secrets.DB_SECRET_ARN`, `addSecret('DB_SECRET_ARN')`)
 * @param environmentNames the function's other environment variables
 * @param secretNames the variables already wired to a secret
 */
export function secretVariableProblem(name: string, prop: string, environmentNames: ReadonlyArray<string>,
  secretNames: ReadonlyArray<string>): SecretVariableProblem | undefined {
  if (!VARIABLE_NAME.test(name)) {
    return {
      name: 'InvalidSecretVariableName',
      problem: `${prop}: '${name}' is not a valid environment variable name; Lambda takes a letter followed by at least one letter, digit or underscore.`,
      fix: `rename the variable, for example '${suggestedName(name)}'.`,
    };
  }
  if (RESERVED_BY_LAMBDA.has(name)) {
    return {
      name: 'ReservedSecretVariableName',
      problem: `${prop}: '${name}' is an environment variable the Lambda runtime sets itself.`,
      fix: `choose another name, for example '${name}_SECRET_ARN'.`,
    };
  }
  if (secretNames.includes(name)) {
    return {
      name: 'SecretVariableCollision',
      problem: `${prop}: '${name}' already carries a secret.`,
      fix: 'give each secret its own variable.',
    };
  }
  if (environmentNames.includes(name)) {
    return {
      name: 'SecretVariableCollision',
      problem: `${prop}: '${name}' is already an environment variable of the function; the secret's reference would replace its value.`,
      fix: `give the secret's variable another name, or remove '${name}' from environment.`,
    };
  }
  return undefined;
}

/** A valid name close to the invalid one, for the error's fix. */
function suggestedName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^[^a-zA-Z]+/, '');
  return cleaned.length >= 2 ? cleaned : 'SECRET_ARN';
}
