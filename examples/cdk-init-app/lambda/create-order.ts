// POST /orders: the body was validated by API Gateway against the request schema before this runs.
import { randomUUID } from 'crypto';
// eslint-disable-next-line import/no-unresolved -- provided by the Node.js 24 runtime, not installed here (see aws-sdk.d.ts)
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { respond, ApiResponse } from './http';
import { getSecret } from './secrets';

const dynamodb = new DynamoDBClient({});

export async function handler(event: { body: string }): Promise<ApiResponse> {
  const order = JSON.parse(event.body) as { customerId: string; item: string; quantity: number };
  const paymentKey = await getSecret(process.env.PAYMENT_KEY_SECRET_ARN!);
  const orderId = randomUUID();
  await dynamodb.send(new PutItemCommand({
    TableName: process.env.ORDERS_TABLE!,
    Item: {
      orderId: { S: orderId },
      customerId: { S: order.customerId },
      item: { S: order.item },
      quantity: { N: String(order.quantity) },
      status: { S: 'NEW' },
      // What a real handler would do with the key: charge the customer. Never log or return it.
      paymentProvider: { S: paymentKey.length > 0 ? 'configured' : 'missing' },
    },
    ConditionExpression: 'attribute_not_exists(orderId)',
  }));
  return respond(201, { orderId });
}
