import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

# the function's code lives one level up (CodeUri: src/reports/)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app  # noqa: E402


class FakeS3:
    def __init__(self):
        self.objects = []

    def put_object(self, **kwargs):
        self.objects.append(kwargs)
        return {"ETag": '"0"'}


def sqs_record(message_id, body):
    return {
        "messageId": message_id,
        "body": body if isinstance(body, str) else json.dumps(body),
        "eventSource": "aws:sqs",
    }


def order_created(order_id, total_cents=4499, created_at="2024-05-02T09:30:00.000Z"):
    return {
        "type": "OrderCreated",
        "orderId": order_id,
        "customerId": "cust-042",
        "itemCount": 2,
        "totalCents": total_cents,
        "currency": "EUR",
        "createdAt": created_at,
    }


@pytest.fixture
def fake_s3(monkeypatch):
    fake = FakeS3()
    monkeypatch.setattr(app, "s3", fake)
    monkeypatch.setattr(app, "REPORTS_BUCKET", "orders-reports-test")
    return fake


CONTEXT = SimpleNamespace(aws_request_id="req-1")


def test_writes_one_csv_per_batch(fake_s3):
    event = {"Records": [sqs_record("m1", order_created("o-1")), sqs_record("m2", order_created("o-2", 5))]}

    result = app.lambda_handler(event, CONTEXT)

    assert result == {"batchItemFailures": []}
    assert len(fake_s3.objects) == 1
    obj = fake_s3.objects[0]
    assert obj["Bucket"] == "orders-reports-test"
    assert obj["Key"] == "exports/orders/dt=2024-05-02/orders-req-1.csv"
    lines = obj["Body"].decode("utf-8").splitlines()
    assert lines[0] == "order_id,customer_id,created_at,item_count,total,currency"
    assert lines[1] == "o-1,cust-042,2024-05-02T09:30:00.000Z,2,44.99,EUR"
    assert lines[2] == "o-2,cust-042,2024-05-02T09:30:00.000Z,2,0.05,EUR"


def test_bad_messages_are_reported_as_partial_failures(fake_s3):
    event = {
        "Records": [
            sqs_record("m1", order_created("o-1")),
            sqs_record("m2", "not json"),
            sqs_record("m3", {"type": "OrderCancelled", "orderId": "o-9"}),
        ]
    }

    result = app.lambda_handler(event, CONTEXT)

    assert result == {"batchItemFailures": [{"itemIdentifier": "m2"}, {"itemIdentifier": "m3"}]}
    assert len(fake_s3.objects) == 1


def test_nothing_written_when_every_message_is_bad(fake_s3):
    result = app.lambda_handler({"Records": [sqs_record("m1", "{}")]}, CONTEXT)

    assert result == {"batchItemFailures": [{"itemIdentifier": "m1"}]}
    assert fake_s3.objects == []


@pytest.mark.parametrize("cents,expected", [(0, "0.00"), (7, "0.07"), (1250, "12.50"), (123456, "1234.56")])
def test_totals_are_formatted_from_cents(cents, expected):
    row = app.parse_record(sqs_record("m", order_created("o", total_cents=cents)))
    assert row["total"] == expected
