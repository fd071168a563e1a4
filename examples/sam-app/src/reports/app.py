"""Export OrderCreated events from SQS to a CSV file in S3.

Each invocation receives a batch of SQS messages and writes one CSV object,
partitioned by the day the orders were created. Malformed messages are reported
back as partial batch failures so that SQS retries them (and eventually moves
them to the dead-letter queue) without blocking the rest of the batch.
"""

import csv
import io
import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

REPORTS_BUCKET = os.environ.get("REPORTS_BUCKET", "")
REPORT_PREFIX = os.environ.get("REPORT_PREFIX", "exports/orders").strip("/")

CSV_COLUMNS = ["order_id", "customer_id", "created_at", "item_count", "total", "currency"]

s3 = boto3.client("s3")


class BadMessage(ValueError):
    pass


def parse_record(record):
    try:
        body = json.loads(record["body"])
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise BadMessage(f"body is not JSON: {exc}") from exc
    if body.get("type") != "OrderCreated":
        raise BadMessage(f"unexpected message type {body.get('type')!r}")
    try:
        total_cents = int(body["totalCents"])
        return {
            "order_id": body["orderId"],
            "customer_id": body["customerId"],
            "created_at": body["createdAt"],
            "item_count": int(body["itemCount"]),
            "total": f"{total_cents // 100}.{total_cents % 100:02d}",
            "currency": body["currency"],
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise BadMessage(f"missing or invalid field: {exc}") from exc


def render_csv(rows):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def report_key(rows, batch_id):
    day = min(row["created_at"] for row in rows)[:10]
    return f"{REPORT_PREFIX}/dt={day}/orders-{batch_id}.csv"


def lambda_handler(event, context):
    rows, failures = [], []
    for record in event.get("Records", []):
        try:
            rows.append(parse_record(record))
        except BadMessage as exc:
            logger.warning("skipping message %s: %s", record.get("messageId"), exc)
            failures.append({"itemIdentifier": record.get("messageId")})

    if rows:
        key = report_key(rows, context.aws_request_id)
        s3.put_object(
            Bucket=REPORTS_BUCKET,
            Key=key,
            Body=render_csv(rows).encode("utf-8"),
            ContentType="text/csv",
        )
        logger.info("wrote %d orders to s3://%s/%s", len(rows), REPORTS_BUCKET, key)

    return {"batchItemFailures": failures}
