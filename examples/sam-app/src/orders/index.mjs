// Orders API: POST /orders and GET /orders/{orderId} (API Gateway HTTP API, payload v2.0).
import { readFileSync } from 'node:fs';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { v4 as uuidv4 } from 'uuid';

const DEFAULT_SETTINGS = {
  currency: 'EUR',
  maxItemsPerOrder: 25,
  maxQuantityPerItem: 100,
};

// config/settings.json is rendered per stage by build.sh; it is absent when running
// the unit tests from the source tree.
export function loadSettings(url = new URL('./config/settings.json', import.meta.url)) {
  try {
    return { ...DEFAULT_SETTINGS, ...JSON.parse(readFileSync(url, 'utf8')) };
  } catch (err) {
    if (err.code === 'ENOENT') return { ...DEFAULT_SETTINGS };
    throw err;
  }
}

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export class ValidationError extends Error {}

export function parseOrder(body, settings) {
  let input;
  try {
    input = JSON.parse(body ?? '');
  } catch {
    throw new ValidationError('body must be JSON');
  }
  if (typeof input?.customerId !== 'string' || input.customerId.length === 0) {
    throw new ValidationError('customerId is required');
  }
  if (!Array.isArray(input.items) || input.items.length === 0) {
    throw new ValidationError('items must be a non-empty array');
  }
  if (input.items.length > settings.maxItemsPerOrder) {
    throw new ValidationError(`at most ${settings.maxItemsPerOrder} items per order`);
  }
  const items = input.items.map((item, i) => {
    const { sku, quantity, unitPriceCents } = item ?? {};
    if (typeof sku !== 'string' || sku.length === 0) {
      throw new ValidationError(`items[${i}].sku is required`);
    }
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > settings.maxQuantityPerItem) {
      throw new ValidationError(`items[${i}].quantity must be 1..${settings.maxQuantityPerItem}`);
    }
    if (!Number.isInteger(unitPriceCents) || unitPriceCents < 0) {
      throw new ValidationError(`items[${i}].unitPriceCents must be a non-negative integer`);
    }
    return { sku, quantity, unitPriceCents };
  });
  const totalCents = items.reduce((sum, it) => sum + it.quantity * it.unitPriceCents, 0);
  return { customerId: input.customerId, items, totalCents, currency: settings.currency };
}

export function createHandler({
  ddb,
  sqs,
  tableName,
  queueUrl,
  settings,
  newId = uuidv4,
  now = () => new Date(),
}) {
  async function createOrder(event) {
    let parsed;
    try {
      parsed = parseOrder(event.body, settings);
    } catch (err) {
      if (err instanceof ValidationError) return json(400, { message: err.message });
      throw err;
    }

    const order = {
      orderId: newId(),
      ...parsed,
      status: 'PENDING',
      createdAt: now().toISOString(),
    };

    await ddb.send(new PutItemCommand({
      TableName: tableName,
      Item: marshall(order),
      ConditionExpression: 'attribute_not_exists(orderId)',
    }));

    await sqs.send(new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify({
        type: 'OrderCreated',
        orderId: order.orderId,
        customerId: order.customerId,
        itemCount: order.items.length,
        totalCents: order.totalCents,
        currency: order.currency,
        createdAt: order.createdAt,
      }),
    }));

    return json(201, { orderId: order.orderId, status: order.status, totalCents: order.totalCents });
  }

  async function getOrder(event) {
    const orderId = event.pathParameters?.orderId;
    const result = await ddb.send(new GetItemCommand({
      TableName: tableName,
      Key: marshall({ orderId }),
    }));
    if (!result.Item) return json(404, { message: 'order not found' });
    return json(200, unmarshall(result.Item));
  }

  return async function handler(event) {
    switch (event.routeKey) {
      case 'POST /orders':
        return createOrder(event);
      case 'GET /orders/{orderId}':
        return getOrder(event);
      default:
        return json(404, { message: 'not found' });
    }
  };
}

export const handler = createHandler({
  ddb: new DynamoDBClient({}),
  sqs: new SQSClient({}),
  tableName: process.env.ORDERS_TABLE,
  queueUrl: process.env.ORDER_EVENTS_QUEUE_URL,
  settings: loadSettings(),
});
