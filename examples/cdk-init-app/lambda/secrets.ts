// Reads a secret at run time through the AWS Parameters and Secrets Lambda extension (the
// function's `paramsAndSecrets` layer): the value is never in the template, the environment or
// the logs. The extension caches it, so a warm function does not call Secrets Manager each time.
const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';

export async function getSecret(secretId: string): Promise<string> {
  const response = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!response.ok) {
    throw new Error(`secret not available (HTTP ${response.status})`); // never the body: it may echo the request
  }
  return ((await response.json()) as { SecretString: string }).SecretString;
}
