import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ordersApp } from '../../examples/orders-app';
import { securityFindings } from '../checks/helpers';

describe('the example orders app (the main job)', () => {
  const app = ordersApp(mkdtempSync(join(tmpdir(), 'orders-app-')));

  test('its secure stack has no finding from ServerlessSecurityChecks', () => {
    expect(securityFindings(app.node.findChild('OrdersSecure'))).toEqual([]);
  });

  test('its insecure stack fails with the findings its plain constructs earn', () => {
    const findings = securityFindings(app.node.findChild('OrdersInsecure'));

    for (const expected of [
      'SecureServerless-LambdaEnvironmentSecrets[PAYMENT_API_KEY] OrdersInsecure/CreateOrder/Resource',
      'SecureServerless-LambdaFunctionUrlAuth OrdersInsecure/CreateOrder/FunctionUrl/Resource',
      'SecureServerless-LambdaReservedConcurrency OrdersInsecure/CreateOrder/Resource',
      'SecureServerless-RestApiMethodAuthorization OrdersInsecure/OrdersApi/Default/orders/POST/Resource',
      'SecureServerless-RestApiRequestValidation OrdersInsecure/OrdersApi/Default/orders/POST/Resource',
      'SecureServerless-S3TlsOnly OrdersInsecure/Receipts/Resource',
      'SecureServerless-SQSTlsOnly OrdersInsecure/Fulfilment/Resource',
    ]) {
      expect(findings).toContain(expected);
    }
  });
});

describe('the example orders app with handlers that call AWS (bench/code-usage/example-apps.ts)', () => {
  test('with the CDK\'s grants, the pack finds the grants its code never uses', () => {
    const app = ordersApp(mkdtempSync(join(tmpdir(), 'orders-app-')), { sdkHandlers: true });
    const unused = securityFindings(app.node.findChild('OrdersSecure'), 'LambdaUnusedPermission');

    expect(unused).toEqual(expect.arrayContaining([
      'SecureServerless-LambdaUnusedPermission[dynamodb:DeleteItem] OrdersSecure/CreateOrder/Resource',
      'SecureServerless-LambdaUnusedPermission[dynamodb:Scan] OrdersSecure/GetOrder/Resource',
    ]));
  });

  test('with grantsFromCode, nothing is missing and only the library\'s own extra grants stay unused', () => {
    const app = ordersApp(mkdtempSync(join(tmpdir(), 'orders-app-')), { sdkHandlers: true, grantsFromCode: true });
    const secure = app.node.findChild('OrdersSecure');

    expect(securityFindings(secure, 'LambdaMissingPermission')).toEqual([]);
    // SecretReference grants DescribeSecret with GetSecretValue; SecureQueue's consume grant, which
    // SqsEventSource calls, includes GetQueueUrl, which the event source mapping never calls.
    expect(securityFindings(secure, 'LambdaUnusedPermission').sort()).toEqual([
      'SecureServerless-LambdaUnusedPermission[secretsmanager:DescribeSecret] OrdersSecure/CreateOrder/Resource',
      'SecureServerless-LambdaUnusedPermission[sqs:GetQueueUrl] OrdersSecure/FulfilOrder/Resource',
    ]);
  });
});
