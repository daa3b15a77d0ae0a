import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
// In your app: from 'cdk-secure-serverless'. The example lives in the library's repository.
import {
  SecretReference, SecureApi, SecureBucket, SecureNodejsFunction, SecureQueue, SecureSecret, SecureTable,
} from '../../../src';

/** The origin of the browser client that calls the API. */
const WEB_ORIGIN = 'https://app.example.com';

/** What a browser may POST to /orders: anything else is refused by API Gateway with a 400. */
const ORDER_SCHEMA: apigateway.JsonSchema = {
  type: apigateway.JsonSchemaType.OBJECT,
  required: ['customerId', 'item', 'quantity'],
  additionalProperties: false,
  properties: {
    customerId: { type: apigateway.JsonSchemaType.STRING, maxLength: 64 },
    item: { type: apigateway.JsonSchemaType.STRING, maxLength: 64 },
    quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1, maximum: 100 },
  },
};

/** A handler of lambda/, bundled with esbuild by SecureNodejsFunction, locally. */
function entry(name: string): string {
  return path.join(__dirname, '..', 'lambda', `${name}.ts`);
}

/**
 * An orders app the way `cdk init app --language typescript` lays one out: a browser calls a REST
 * API (CORS) whose TypeScript handlers write to a table and read a payment key at run time;
 * receipts uploaded to a bucket trigger a function that queues a job for an SQS worker.
 */
export class CdkInitAppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const orders = new SecureTable(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING } }],
    });
    const paymentKey = new SecureSecret(this, 'PaymentProviderKey', {
      description: 'API key of the payment provider',
      allowNoRotation: 'The payment provider issues API keys by hand only; the key is replaced every 90 days by the payments runbook.',
    });

    const createOrder = new SecureNodejsFunction(this, 'CreateOrder', {
      entry: entry('create-order'),
      environment: { ORDERS_TABLE: orders.tableName, ALLOWED_ORIGIN: WEB_ORIGIN },
      secrets: { PAYMENT_KEY_SECRET_ARN: SecretReference.fromSecret(paymentKey) },
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, {
        secretsManagerTtl: cdk.Duration.minutes(5),
      }),
      deadLetterQueueEnabled: false, // invoked synchronously by the API only
    });
    orders.grantWriteData(createOrder);

    const getOrder = new SecureNodejsFunction(this, 'GetOrder', {
      entry: entry('get-order'),
      environment: { ORDERS_TABLE: orders.tableName, ALLOWED_ORIGIN: WEB_ORIGIN },
      deadLetterQueueEnabled: false,
    });
    orders.grantReadData(getOrder);

    // IAM (SigV4) authorization on every method, the default; the browser signs with the
    // temporary credentials of a Cognito identity pool. The preflights stay open (MOCK).
    const api = new SecureApi(this, 'OrdersApi', {
      defaultCorsPreflightOptions: { allowOrigins: [WEB_ORIGIN], allowMethods: ['GET', 'POST'] },
      gatewayResponseHeaders: { 'Access-Control-Allow-Origin': WEB_ORIGIN },
    });
    api.addLambdaRoute(HttpMethod.POST, '/orders', createOrder, { requestSchema: ORDER_SCHEMA });
    api.addLambdaRoute(HttpMethod.GET, '/orders/{orderId}', getOrder);

    // Receipts: an upload queues a job; the worker marks the order paid.
    const receipts = new SecureBucket(this, 'Receipts');
    const jobs = new SecureQueue(this, 'ReceiptJobs', { visibilityTimeout: cdk.Duration.seconds(60) });
    const processUpload = new SecureNodejsFunction(this, 'ProcessUpload', {
      entry: entry('process-upload'),
      environment: { JOBS_QUEUE_URL: jobs.queueUrl },
    });
    jobs.grantSendMessages(processUpload);
    receipts.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(processUpload), { prefix: 'receipts/' });

    const worker = new SecureNodejsFunction(this, 'ReceiptWorker', {
      entry: entry('worker'),
      timeout: cdk.Duration.seconds(30),
      environment: { ORDERS_TABLE: orders.tableName },
    });
    orders.grantReadWriteData(worker);
    worker.addEventSource(new SqsEventSource(jobs, { batchSize: 10 }));
  }
}
