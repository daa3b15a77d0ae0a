/**
 * The example app: an orders API built with this library, and the same kind of app written with
 * plain CDK constructs and their defaults, insecure on purpose. `npm run example` synthesizes
 * both and checks them (see main.ts).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  SecretReference, SecureApi, SecureBucket, SecureFunction, SecureQueue, SecureSecret, SecureTable,
} from '../src';

const env = { account: '111111111111', region: 'eu-west-1' };
const runtime = lambda.Runtime.NODEJS_24_X;
const handler = 'index.handler';

/** Inline handlers keep the example free of assets and Docker; real code would use fromAsset. */
function code(body: string): lambda.Code {
  return lambda.Code.fromInline(`exports.handler = async (event) => { ${body} };`);
}

const orderSchema: apigateway.JsonSchema = {
  type: apigateway.JsonSchemaType.OBJECT,
  required: ['customerId', 'items'],
  additionalProperties: false,
  properties: {
    customerId: { type: apigateway.JsonSchemaType.STRING, maxLength: 64 },
    items: { type: apigateway.JsonSchemaType.ARRAY, minItems: 1, maxItems: 50, items: { type: apigateway.JsonSchemaType.STRING } },
  },
};

/** The orders API, secure by default: every piece is one of this library's constructs. */
export class SecureOrdersStack extends Stack {
  constructor(app: App, id: string) {
    super(app, id, { env });

    const orders = new SecureTable(this, 'Orders', { partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING } });
    const receipts = new SecureBucket(this, 'Receipts');
    const fulfilment = new SecureQueue(this, 'Fulfilment', { visibilityTimeout: Duration.seconds(60) });
    const paymentKey = new SecureSecret(this, 'PaymentProviderKey', {
      description: 'API key of the payment provider',
      allowNoRotation: 'The payment provider issues API keys by hand only; the key is replaced every 90 days by the payments runbook.',
    });

    const createOrder = new SecureFunction(this, 'CreateOrder', {
      runtime,
      handler,
      code: code('return { statusCode: 201, body: JSON.stringify({ ok: true }) };'),
      environment: { ORDERS_TABLE: orders.tableName, RECEIPTS_BUCKET: receipts.bucketName, FULFILMENT_QUEUE_URL: fulfilment.queueUrl },
      secrets: { PAYMENT_KEY_SECRET_ARN: SecretReference.fromSecret(paymentKey) },
      deadLetterQueueEnabled: false, // invoked synchronously by the API only
    });
    orders.grantWriteData(createOrder);
    receipts.grantPut(createOrder);
    fulfilment.grantSendMessages(createOrder);

    const getOrder = new SecureFunction(this, 'GetOrder', {
      runtime,
      handler,
      code: code('return { statusCode: 200, body: "{}" };'),
      environment: { ORDERS_TABLE: orders.tableName },
      deadLetterQueueEnabled: false,
    });
    orders.grantReadData(getOrder);

    const fulfil = new SecureFunction(this, 'FulfilOrder', {
      runtime,
      handler,
      code: code('return;'),
      timeout: Duration.seconds(30),
      environment: { ORDERS_TABLE: orders.tableName },
    });
    orders.grantReadWriteData(fulfil);
    fulfil.addEventSource(new SqsEventSource(fulfilment, { batchSize: 10 }));

    const api = new SecureApi(this, 'OrdersApi');
    api.addLambdaRoute(HttpMethod.POST, '/orders', createOrder, { requestSchema: orderSchema });
    api.addLambdaRoute(HttpMethod.GET, '/orders/{orderId}', getOrder);
  }
}

/** The same app with plain CDK constructs at their defaults: insecure on purpose. */
export class InsecureOrdersStack extends Stack {
  constructor(app: App, id: string) {
    super(app, id, { env });

    const orders = new dynamodb.TableV2(this, 'Orders', { partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING } });
    const receipts = new s3.Bucket(this, 'Receipts');
    const fulfilment = new sqs.Queue(this, 'Fulfilment');

    const createOrder = new lambda.Function(this, 'CreateOrder', {
      runtime,
      handler,
      code: code('return { statusCode: 201 };'),
      environment: { ORDERS_TABLE: orders.tableName, PAYMENT_API_KEY: 'sk_live_51HhExampleExampleExample00' },
    });
    orders.grantReadWriteData(createOrder);
    receipts.grantReadWrite(createOrder);
    fulfilment.grantSendMessages(createOrder);
    createOrder.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    const api = new apigateway.RestApi(this, 'OrdersApi');
    api.root.addResource('orders').addMethod('POST', new apigateway.LambdaIntegration(createOrder));
  }
}

/** Both stacks in one app, synthesized into `outdir`. */
export function ordersApp(outdir: string): App {
  const app = new App({ outdir });
  new SecureOrdersStack(app, 'OrdersSecure');
  new InsecureOrdersStack(app, 'OrdersInsecure');
  return app;
}
