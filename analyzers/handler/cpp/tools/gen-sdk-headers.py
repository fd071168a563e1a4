#!/usr/bin/env python3
"""Writes fnlint's declaration-only stand-ins for the AWS SDK for C++ service
clients under analyzers/handler/cpp/include/aws/<dir>/ (run from anywhere;
the output is committed). Written by fnlint from the SDK's public API shape:
Aws::<Svc>::<Svc>Client with one method per operation (plus its Async and
Callable forms), Model::<Op>Request with Set/With/Add accessors, Model::<Op>Result
with getters, Model::<Op>Outcome = Aws::Utils::Outcome<Result, <Svc>Error>.
Declarations only: nothing is ever linked against them."""
import os

# Field types: S string, I int, L long long, B bool, D double, BODY stream,
# VS vector of strings, MS map string->string, AV a DynamoDB AttributeValue map,
# VAV vector of AttributeValue maps, or any other name used verbatim.
SERVICES = {
    # Svc: (include dir, {Op: (request fields, result fields)})
    "S3": ("s3", {
        "GetObject": ("Bucket:S Key:S Range:S VersionId:S", "Body:BODY ContentLength:L ContentType:S ETag:S"),
        "PutObject": ("Bucket:S Key:S Body:BODY ContentType:S ContentLength:L Metadata:MS", "ETag:S VersionId:S"),
        "DeleteObject": ("Bucket:S Key:S VersionId:S", "VersionId:S"),
        "HeadObject": ("Bucket:S Key:S", "ContentLength:L ContentType:S ETag:S Metadata:MS"),
        "ListObjectsV2": ("Bucket:S Prefix:S MaxKeys:I ContinuationToken:S", "Contents:Vector<Object> IsTruncated:B NextContinuationToken:S KeyCount:I"),
        "ListObjects": ("Bucket:S Prefix:S MaxKeys:I Marker:S", "Contents:Vector<Object> IsTruncated:B"),
        "CopyObject": ("Bucket:S Key:S CopySource:S", ""),
        "ListBuckets": ("", "Buckets:Vector<Bucket>"),
        "CreateBucket": ("Bucket:S", "Location:S"),
    }),
    "DynamoDB": ("dynamodb", {
        "GetItem": ("TableName:S Key:AV ConsistentRead:B ProjectionExpression:S", "Item:AV"),
        "PutItem": ("TableName:S Item:AV ConditionExpression:S", "Attributes:AV"),
        "UpdateItem": ("TableName:S Key:AV UpdateExpression:S ExpressionAttributeValues:AV ExpressionAttributeNames:MS", "Attributes:AV"),
        "DeleteItem": ("TableName:S Key:AV", "Attributes:AV"),
        "Query": ("TableName:S IndexName:S KeyConditionExpression:S ExpressionAttributeValues:AV Limit:I", "Items:VAV Count:I LastEvaluatedKey:AV"),
        "Scan": ("TableName:S FilterExpression:S ExpressionAttributeValues:AV Limit:I", "Items:VAV Count:I LastEvaluatedKey:AV"),
        "BatchGetItem": ("", ""),
        "BatchWriteItem": ("", ""),
        "DescribeTable": ("TableName:S", ""),
    }),
    "SQS": ("sqs", {
        "SendMessage": ("QueueUrl:S MessageBody:S DelaySeconds:I MessageGroupId:S", "MessageId:S"),
        "ReceiveMessage": ("QueueUrl:S MaxNumberOfMessages:I WaitTimeSeconds:I", "Messages:Vector<Message>"),
        "DeleteMessage": ("QueueUrl:S ReceiptHandle:S", ""),
        "GetQueueUrl": ("QueueName:S", "QueueUrl:S"),
        "SendMessageBatch": ("QueueUrl:S", ""),
    }),
    "SNS": ("sns", {
        "Publish": ("TopicArn:S TargetArn:S PhoneNumber:S Message:S Subject:S", "MessageId:S"),
        "Subscribe": ("TopicArn:S Protocol:S Endpoint:S", "SubscriptionArn:S"),
        "CreateTopic": ("Name:S", "TopicArn:S"),
    }),
    "Lambda": ("lambda", {
        "Invoke": ("FunctionName:S InvocationType:InvocationType Payload:BODY Qualifier:S", "StatusCode:I Payload:BODY FunctionError:S"),
        "ListFunctions": ("MaxItems:I Marker:S", "NextMarker:S"),
        "GetFunction": ("FunctionName:S", ""),
    }),
    "SecretsManager": ("secretsmanager", {
        "GetSecretValue": ("SecretId:S VersionId:S VersionStage:S", "SecretString:S Name:S ARN:S"),
        "PutSecretValue": ("SecretId:S SecretString:S", "ARN:S"),
        "DescribeSecret": ("SecretId:S", "Name:S ARN:S"),
    }),
    "SSM": ("ssm", {
        "GetParameter": ("Name:S WithDecryption:B", "Parameter:Parameter"),
        "GetParameters": ("Names:VS WithDecryption:B", "Parameters:Vector<Parameter>"),
        "GetParametersByPath": ("Path:S Recursive:B WithDecryption:B", "Parameters:Vector<Parameter>"),
        "PutParameter": ("Name:S Value:S Overwrite:B", "Version:L"),
    }),
    "KMS": ("kms", {
        "Encrypt": ("KeyId:S Plaintext:ByteBuffer", "CiphertextBlob:ByteBuffer KeyId:S"),
        "Decrypt": ("KeyId:S CiphertextBlob:ByteBuffer", "Plaintext:ByteBuffer KeyId:S"),
        "GenerateDataKey": ("KeyId:S NumberOfBytes:I", "Plaintext:ByteBuffer CiphertextBlob:ByteBuffer"),
        "Sign": ("KeyId:S Message:ByteBuffer", "Signature:ByteBuffer"),
    }),
    "STS": ("sts", {
        "GetCallerIdentity": ("", "Account:S Arn:S UserId:S"),
        "AssumeRole": ("RoleArn:S RoleSessionName:S DurationSeconds:I ExternalId:S", "Credentials:Credentials"),
    }),
    "Kinesis": ("kinesis", {
        "PutRecord": ("StreamName:S StreamARN:S Data:ByteBuffer PartitionKey:S", "ShardId:S SequenceNumber:S"),
        "PutRecords": ("StreamName:S StreamARN:S", "FailedRecordCount:I"),
        "GetRecords": ("ShardIterator:S Limit:I", "NextShardIterator:S"),
        "GetShardIterator": ("StreamName:S ShardId:S", "ShardIterator:S"),
        "DescribeStream": ("StreamName:S", ""),
    }),
    "EventBridge": ("eventbridge", {
        "PutEvents": ("Entries:Vector<PutEventsRequestEntry>", "FailedEntryCount:I"),
        "PutRule": ("Name:S ScheduleExpression:S EventPattern:S", "RuleArn:S"),
        "PutTargets": ("Rule:S", "FailedEntryCount:I"),
    }),
}

# Small model types some fields use, per service: {Svc: {Type: fields}}.
MODEL_TYPES = {
    "S3": {"Object": "Key:S Size:L ETag:S", "Bucket": "Name:S"},
    "SQS": {"Message": "MessageId:S ReceiptHandle:S Body:S Attributes:MS"},
    "SSM": {"Parameter": "Name:S Value:S Version:L ARN:S"},
    "STS": {"Credentials": "AccessKeyId:S SecretAccessKey:S SessionToken:S"},
    "EventBridge": {"PutEventsRequestEntry": "Source:S DetailType:S Detail:S EventBusName:S Resources:VS"},
}

# Hand-written model headers (under include/, not generated) some services need.
EXTRA_INCLUDES = {
    "DynamoDB": ["aws/dynamodb/model/AttributeValue.h"],
    "Lambda": ["aws/lambda/model/InvocationType.h"],
}

HEADER = """// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface (generated by
// analyzers/handler/cpp/tools/gen-sdk-headers.py; edit the generator, not this file).
#pragma once
"""


def cpp_type(t, svc):
    simple = {"S": "Aws::String", "I": "int", "L": "long long", "B": "bool", "D": "double",
              "BODY": "std::shared_ptr<Aws::IOStream>", "VS": "Aws::Vector<Aws::String>",
              "MS": "Aws::Map<Aws::String, Aws::String>",
              "AV": "Aws::Map<Aws::String, AttributeValue>",
              "VAV": "Aws::Vector<Aws::Map<Aws::String, AttributeValue>>",
              "ByteBuffer": "Aws::Utils::ByteBuffer"}
    if t in simple:
        return simple[t]
    if t.startswith("Vector<"):
        return "Aws::Vector<" + t[7:-1] + ">"
    return t


def parse(fields):
    return [f.split(":", 1) for f in fields.split()]


def accessors(cls, fields, svc, settable):
    out = []
    for name, t in fields:
        ct = cpp_type(t, svc)
        if t == "BODY" and not settable:
            out.append(f"  Aws::IOStream &Get{name}() const;")
            continue
        out.append(f"  const {ct} &Get{name}() const;")
        if not settable:
            continue
        out.append(f"  bool {name}HasBeenSet() const;")
        out.append(f"  void Set{name}(const {ct} &value);")
        out.append(f"  {cls} &With{name}(const {ct} &value);")
        if ct == "Aws::String":
            out.append(f"  void Set{name}(const char *value);")
            out.append(f"  {cls} &With{name}(const char *value);")
        if t in ("AV", "MS"):
            vt = "AttributeValue" if t == "AV" else "Aws::String"
            out.append(f"  {cls} &Add{name}(const Aws::String &key, const {vt} &value);")
        if t == "VS" or t.startswith("Vector<"):
            et = "Aws::String" if t == "VS" else t[7:-1]
            out.append(f"  {cls} &Add{name}(const {et} &value);")
    return out


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "include", "aws")
    for svc, (d, ops) in SERVICES.items():
        ns = f"namespace Aws {{\nnamespace {svc} {{\nnamespace Model {{\n"
        end = f"}} // namespace Model\n}} // namespace {svc}\n}} // namespace Aws\n"
        common = [HEADER, "#include <aws/core/AmazonWebServiceRequest.h>",
                  "#include <aws/core/utils/Array.h>", "#include <aws/core/utils/Outcome.h>",
                  "#include <aws/core/utils/memory/stl/AWSMap.h>", "#include <aws/core/utils/memory/stl/AWSString.h>",
                  "#include <aws/core/utils/memory/stl/AWSVector.h>", "#include <memory>"]
        common += ["#include <" + h + ">" for h in EXTRA_INCLUDES.get(svc, [])]
        types = MODEL_TYPES.get(svc, {})
        for tname, tfields in types.items():
            body = [HEADER, "#include <aws/core/utils/memory/stl/AWSString.h>", "#include <aws/core/utils/memory/stl/AWSVector.h>", "", ns,
                    f"class {tname} {{\npublic:\n  {tname}();"]
            body += accessors(tname, parse(tfields), svc, True)
            body += ["};", "", end]
            write(os.path.join(root, d, "model", tname + ".h"), "\n".join(body))
        includes_types = [f"#include <aws/{d}/model/{t}.h>" for t in types]
        for op, (req, res) in ops.items():
            rq = parse(req)
            base = "Aws::AmazonStreamingWebServiceRequest" if any(t == "BODY" for _, t in rq) else "Aws::AmazonWebServiceRequest"
            body = common + includes_types + ["", ns, f"class {op}Request : public {base} {{\npublic:\n  {op}Request();",
                                              '  const char *GetServiceRequestName() const override;']
            body += [a for a in accessors(op + "Request", [f for f in rq if f[1] != "BODY"], svc, True)]
            body += ["};", "", end]
            write(os.path.join(root, d, "model", op + "Request.h"), "\n".join(body))
            body = common + includes_types + ["", ns, f"class {op}Result {{\npublic:\n  {op}Result();"]
            body += accessors(op + "Result", parse(res), svc, False)
            body += ["};", "", end]
            write(os.path.join(root, d, "model", op + "Result.h"), "\n".join(body))
        # Errors, outcomes and the client.
        err = [HEADER, "#include <aws/core/client/AWSError.h>", "", f"namespace Aws {{\nnamespace {svc} {{",
               f"enum class {svc}Errors {{ INCOMPLETE_SIGNATURE, INTERNAL_FAILURE, ACCESS_DENIED, THROTTLING, "
               f"VALIDATION, RESOURCE_NOT_FOUND, UNKNOWN = 100 }};",
               f"using {svc}Error = Aws::Client::AWSError<{svc}Errors>;",
               f"}} // namespace {svc}\n}} // namespace Aws\n"]
        write(os.path.join(root, d, f"{svc}Errors.h"), "\n".join(err))
        cl = [HEADER, "#include <aws/core/auth/AWSCredentials.h>", "#include <aws/core/auth/AWSCredentialsProvider.h>",
              "#include <aws/core/client/AsyncCallerContext.h>", "#include <aws/core/client/ClientConfiguration.h>",
              "#include <aws/core/utils/Outcome.h>", f"#include <aws/{d}/{svc}Errors.h>"]
        cl += [f"#include <aws/{d}/model/{op}Request.h>\n#include <aws/{d}/model/{op}Result.h>" for op in ops]
        cl += ["#include <functional>", "#include <future>", "#include <memory>", "",
               f"namespace Aws {{\nnamespace {svc} {{", "namespace Model {"]
        for op in ops:
            cl.append(f"using {op}Outcome = Aws::Utils::Outcome<{op}Result, {svc}Error>;")
            cl.append(f"using {op}OutcomeCallable = std::future<{op}Outcome>;")
        cl += ["} // namespace Model", "", f"class {svc}Client;"]
        for op in ops:
            cl.append(f"using {op}ResponseReceivedHandler = std::function<void(const {svc}Client *, "
                      f"const Model::{op}Request &, const Model::{op}Outcome &, "
                      f"const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;")
        cl += ["", f"class {svc}Client {{", "public:",
               f"  {svc}Client();",
               f"  explicit {svc}Client(const Aws::Client::ClientConfiguration &clientConfiguration);",
               f"  {svc}Client(const Aws::Auth::AWSCredentials &credentials,",
               f"             const Aws::Client::ClientConfiguration &clientConfiguration = Aws::Client::ClientConfiguration());",
               f"  {svc}Client(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,",
               f"             const Aws::Client::ClientConfiguration &clientConfiguration = Aws::Client::ClientConfiguration());",
               f"  virtual ~{svc}Client();", ""]
        for op in ops:
            cl.append(f"  virtual Model::{op}Outcome {op}(const Model::{op}Request &request) const;")
            cl.append(f"  virtual Model::{op}OutcomeCallable {op}Callable(const Model::{op}Request &request) const;")
            cl.append(f"  virtual void {op}Async(const Model::{op}Request &request, const {op}ResponseReceivedHandler &handler,")
            cl.append(f"                {' ' * len(op)}const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;")
        cl += ["};", "", f"}} // namespace {svc}\n}} // namespace Aws\n"]
        write(os.path.join(root, d, f"{svc}Client.h"), "\n".join(cl))


if __name__ == "__main__":
    main()
