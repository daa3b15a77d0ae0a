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
