// GET /orders/{orderId}
// eslint-disable-next-line import/no-unresolved -- provided by the Node.js 24 runtime, not installed here (see aws-sdk.d.ts)
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { respond, ApiResponse } from './http';

const dynamodb = new DynamoDBClient({});

export async function handler(event: { pathParameters: { orderId: string } }): Promise<ApiResponse> {
  const result = await dynamodb.send(new GetItemCommand({
    TableName: process.env.ORDERS_TABLE!,
    Key: { orderId: { S: event.pathParameters.orderId } },
  }));
  return result.Item === undefined ? respond(404, { message: 'not found' }) : respond(200, { orderId: event.pathParameters.orderId });
}
