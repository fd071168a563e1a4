import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createHandler, loadSettings, parseOrder, ValidationError } from '../index.mjs';

function fakeClient(reply = () => ({})) {
  const calls = [];
  return { calls, send: async (command) => { calls.push(command); return reply(command); } };
}

function setup(getReply) {
  const ddb = fakeClient(getReply);
  const sqs = fakeClient();
  const handler = createHandler({
    ddb,
    sqs,
    tableName: 'orders-test',
    queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-events',
    settings: loadSettings(new URL('./does-not-exist.json', import.meta.url)),
    newId: () => '3f1c2b4e-8d9a-4c1e-9b7a-2a6f0e5d4c3b',
    now: () => new Date('2024-05-02T09:30:00Z'),
  });
  return { ddb, sqs, handler };
}

const validBody = JSON.stringify({
  customerId: 'cust-042',
  items: [
    { sku: 'MUG-BLUE', quantity: 2, unitPriceCents: 1250 },
    { sku: 'TEE-L', quantity: 1, unitPriceCents: 1999 },
  ],
});

test('POST /orders stores the order and publishes OrderCreated', async () => {
  const { ddb, sqs, handler } = setup();
  const res = await handler({ routeKey: 'POST /orders', body: validBody });

  assert.equal(res.statusCode, 201);
  assert.deepEqual(JSON.parse(res.body), {
    orderId: '3f1c2b4e-8d9a-4c1e-9b7a-2a6f0e5d4c3b',
    status: 'PENDING',
    totalCents: 4499,
  });

  assert.equal(ddb.calls.length, 1);
  assert.ok(ddb.calls[0] instanceof PutItemCommand);
  const stored = unmarshall(ddb.calls[0].input.Item);
  assert.equal(stored.customerId, 'cust-042');
  assert.equal(stored.currency, 'EUR');
  assert.equal(stored.createdAt, '2024-05-02T09:30:00.000Z');

  assert.equal(sqs.calls.length, 1);
  assert.ok(sqs.calls[0] instanceof SendMessageCommand);
  const message = JSON.parse(sqs.calls[0].input.MessageBody);
  assert.equal(message.type, 'OrderCreated');
  assert.equal(message.itemCount, 2);
});

test('POST /orders rejects an invalid body without touching DynamoDB', async () => {
  const { ddb, sqs, handler } = setup();
  const res = await handler({ routeKey: 'POST /orders', body: '{"customerId":"c1","items":[]}' });
  assert.equal(res.statusCode, 400);
  assert.match(JSON.parse(res.body).message, /items/);
  assert.equal(ddb.calls.length, 0);
  assert.equal(sqs.calls.length, 0);
});

test('GET /orders/{orderId} returns 404 for an unknown order', async () => {
  const { handler } = setup(() => ({}));
  const res = await handler({ routeKey: 'GET /orders/{orderId}', pathParameters: { orderId: 'nope' } });
  assert.equal(res.statusCode, 404);
});

test('GET /orders/{orderId} returns the stored order', async () => {
  const item = { orderId: 'o-1', customerId: 'cust-042', totalCents: 500, status: 'PENDING' };
  const { ddb, handler } = setup(() => ({ Item: marshall(item) }));
  const res = await handler({ routeKey: 'GET /orders/{orderId}', pathParameters: { orderId: 'o-1' } });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(JSON.parse(res.body), item);
  assert.ok(ddb.calls[0] instanceof GetItemCommand);
});

test('parseOrder enforces the per-order item limit', () => {
  const settings = { currency: 'EUR', maxItemsPerOrder: 1, maxQuantityPerItem: 100 };
  assert.throws(() => parseOrder(validBody, settings), ValidationError);
});
