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
const runtime = SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS);
const handler = 'index.handler';

/** Inline handlers keep the example free of assets and Docker; real code would use fromAsset. */
function code(body: string): lambda.Code {
  return lambda.Code.fromInline(`exports.handler = async (event) => { ${body} };`);
}

/**
 * Handlers that make the AWS calls their names imply, for bench/code-usage/example-apps.ts, which
 * measures the grants of the example against them (the stubs above call nothing, and the pack does
 * not judge code that calls nothing).
 */
const CREATE_ORDER = `
const { randomUUID } = require('crypto');
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const dynamodb = new DynamoDBClient({});
const s3 = new S3Client({});
const sqs = new SQSClient({});
const secrets = new SecretsManagerClient({});
exports.handler = async (event) => {
  const order = JSON.parse(event.body);
  const orderId = randomUUID();
  await secrets.send(new GetSecretValueCommand({ SecretId: process.env.PAYMENT_KEY_SECRET_ARN }));
  await dynamodb.send(new PutItemCommand({ TableName: process.env.ORDERS_TABLE, Item: { orderId: { S: orderId }, customerId: { S: order.customerId } } }));
  await s3.send(new PutObjectCommand({ Bucket: process.env.RECEIPTS_BUCKET, Key: 'receipts/' + orderId + '.json', Body: event.body }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.FULFILMENT_QUEUE_URL, MessageBody: orderId }));
  return { statusCode: 201, body: JSON.stringify({ orderId }) };
};`;

const GET_ORDER = `
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const dynamodb = new DynamoDBClient({});
exports.handler = async (event) => {
  const found = await dynamodb.send(new GetItemCommand({ TableName: process.env.ORDERS_TABLE, Key: { orderId: { S: event.pathParameters.orderId } } }));
  return found.Item ? { statusCode: 200, body: JSON.stringify(found.Item) } : { statusCode: 404, body: '{}' };
};`;

/** The fulfilment worker is written in Python with boto3: the analysis reads both languages. */
const FULFIL_ORDER = `
import os
import boto3

table = boto3.resource('dynamodb').Table(os.environ['ORDERS_TABLE'])


def handler(event, context):
    for record in event['Records']:
        order = table.get_item(Key={'orderId': record['body']}).get('Item')
        if order is not None:
            table.update_item(Key={'orderId': record['body']}, UpdateExpression='SET fulfilled = :yes',
                              ExpressionAttributeValues={':yes': True})
`;

/** What the example is built with; the defaults are the example as `npm run example` shows it. */
export interface OrdersAppOptions {
  /**
   * Give the functions the handlers above, which call AWS, instead of stubs.
   *
   * @default false
   */
  readonly sdkHandlers?: boolean;

  /**
   * Derive the secure stack's grants from its handlers' code (`grantsFromCode`) instead of the
   * CDK's usual grants (`orders.grantWriteData(fn)`…): what the report's fixes for unused
   * permissions lead to. Needs `sdkHandlers`.
   *
   * @default false
   */
  readonly grantsFromCode?: boolean;
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
  constructor(app: App, id: string, options: OrdersAppOptions = {}) {
    super(app, id, { env });
    const sdk = options.sdkHandlers === true;
    const grantsFromCode = sdk && options.grantsFromCode === true;

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
      code: sdk ? lambda.Code.fromInline(CREATE_ORDER) : code('return { statusCode: 201, body: JSON.stringify({ ok: true }) };'),
      environment: { ORDERS_TABLE: orders.tableName, RECEIPTS_BUCKET: receipts.bucketName, FULFILMENT_QUEUE_URL: fulfilment.queueUrl },
      secrets: { PAYMENT_KEY_SECRET_ARN: SecretReference.fromSecret(paymentKey) },
      deadLetterQueueEnabled: false, // invoked synchronously by the API only
      grantsFromCode,
    });
    if (!grantsFromCode) {
      orders.grantWriteData(createOrder);
      receipts.grantPut(createOrder);
      fulfilment.grantSendMessages(createOrder);
    }

    const getOrder = new SecureFunction(this, 'GetOrder', {
      runtime,
      handler,
      code: sdk ? lambda.Code.fromInline(GET_ORDER) : code('return { statusCode: 200, body: "{}" };'),
      environment: { ORDERS_TABLE: orders.tableName },
      deadLetterQueueEnabled: false,
      grantsFromCode,
    });
    if (!grantsFromCode) {
      orders.grantReadData(getOrder);
    }

    const fulfil = new SecureFunction(this, 'FulfilOrder', {
      runtime: sdk ? lambda.Runtime.PYTHON_3_14 : runtime,
      handler,
      code: sdk ? lambda.Code.fromInline(FULFIL_ORDER) : code('return;'),
      timeout: Duration.seconds(30),
      environment: { ORDERS_TABLE: orders.tableName },
      grantsFromCode,
    });
    if (!grantsFromCode) {
      orders.grantReadWriteData(fulfil);
    }
    fulfil.addEventSource(new SqsEventSource(fulfilment, { batchSize: 10 }));

    const api = new SecureApi(this, 'OrdersApi');
    api.addLambdaRoute(HttpMethod.POST, '/orders', createOrder, { requestSchema: orderSchema });
    api.addLambdaRoute(HttpMethod.GET, '/orders/{orderId}', getOrder);
  }
}

/** The same app with plain CDK constructs at their defaults: insecure on purpose. */
export class InsecureOrdersStack extends Stack {
  constructor(app: App, id: string, options: OrdersAppOptions = {}) {
    super(app, id, { env });

    const orders = new dynamodb.TableV2(this, 'Orders', { partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING } });
    const receipts = new s3.Bucket(this, 'Receipts');
    const fulfilment = new sqs.Queue(this, 'Fulfilment');

    const createOrder = new lambda.Function(this, 'CreateOrder', {
      runtime,
      handler,
      code: options.sdkHandlers === true ? lambda.Code.fromInline(CREATE_ORDER) : code('return { statusCode: 201 };'),
      environment: {
        ORDERS_TABLE: orders.tableName,
        ...(options.sdkHandlers === true ? { RECEIPTS_BUCKET: receipts.bucketName, FULFILMENT_QUEUE_URL: fulfilment.queueUrl } : {}),
        PAYMENT_API_KEY: 'sk_live_51HhExampleExampleExample00',
      },
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
export function ordersApp(outdir: string, options: OrdersAppOptions = {}): App {
  const app = new App({ outdir });
  new SecureOrdersStack(app, 'OrdersSecure', options);
  new InsecureOrdersStack(app, 'OrdersInsecure', options);
  return app;
}
