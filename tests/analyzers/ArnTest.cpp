//===- tests/analyzers/ArnTest.cpp - ARN patterns against ARN formats -------===//
//
// iam/resource-mismatch asks whether a policy's resource pattern and a
// resource type's ARN format can name the same ARN: wildcards on both sides,
// placeholders as names, case rules per segment.
//
//===----------------------------------------------------------------------===//
#include "analyzers/iam/Arn.h"

#include <gtest/gtest.h>

using namespace fnlint::iam;

namespace {

constexpr const char *Bucket = "arn:${Partition}:s3:::${BucketName}";
constexpr const char *Object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
constexpr const char *LogStream = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
constexpr const char *Function = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";

TEST(Arn, SplitsSixPartsAndKeepsTheResourceColons) {
  std::string_view P[6];
  ASSERT_TRUE(splitArn("arn:aws:lambda:eu-west-1:123456789012:function:f:live", P));
  EXPECT_EQ(P[1], "aws");
  EXPECT_EQ(P[2], "lambda");
  EXPECT_EQ(P[5], "function:f:live");
  EXPECT_FALSE(splitArn("arn:aws:logs:*", P));
}

TEST(Arn, BucketsAndObjectsAreTold) {
  EXPECT_TRUE(arnFormatOverlaps(Bucket, "arn:aws:s3:::reports"));
  EXPECT_FALSE(arnFormatOverlaps(Object, "arn:aws:s3:::reports"));
  EXPECT_TRUE(arnFormatOverlaps(Object, "arn:aws:s3:::reports/*"));
  EXPECT_TRUE(arnFormatOverlaps(Object, "arn:aws:s3:::reports/2026/01/a.csv"));
  // A bucket name holds no slash.
  EXPECT_FALSE(arnFormatOverlaps(Bucket, "arn:aws:s3:::reports/*"));
  // Both sides' wildcards count: "reports*" may be a bucket or an object.
  EXPECT_TRUE(arnFormatOverlaps(Bucket, "arn:aws:s3:::reports*"));
  EXPECT_TRUE(arnFormatOverlaps(Object, "arn:aws:s3:::reports*"));
  EXPECT_TRUE(arnFormatOverlaps(Object, "arn:aws:s3:::*"));
  EXPECT_TRUE(arnFormatOverlaps(Object, "arn:aws:s3:::report?/x"));
  // Buckets have no region or account.
  EXPECT_FALSE(arnFormatOverlaps(Bucket, "arn:aws:s3:eu-west-1:123456789012:reports"));
}

TEST(Arn, SegmentsHaveTheirOwnCaseRules) {
  EXPECT_TRUE(arnFormatOverlaps(Function, "ARN:AWS:Lambda:EU-WEST-1:123456789012:function:f"));
  EXPECT_FALSE(arnFormatOverlaps(Function, "arn:aws:lambda:eu-west-1:123456789012:Function:f"));
  EXPECT_FALSE(arnFormatOverlaps(Function, "arn:aws:s3:eu-west-1:123456789012:function:f"));
}

TEST(Arn, LogGroupsHoldSlashesAndStreamsNeedTheirWord) {
  EXPECT_TRUE(arnFormatOverlaps(LogStream, "arn:aws:logs:*:*:log-group:/aws/lambda/orders:*"));
  EXPECT_TRUE(arnFormatOverlaps(LogStream, "arn:aws:logs:*:*:*"));
  EXPECT_TRUE(arnFormatOverlaps(LogStream, "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders:log-stream:x"));
  EXPECT_FALSE(arnFormatOverlaps(LogStream, "arn:aws:logs:*:*:/aws/lambda/orders*"));
}

TEST(Arn, PolicyVariablesAreWildcards) {
  EXPECT_TRUE(arnFormatOverlaps(Object, "arn:aws:s3:::home/${aws:username}/*"));
  EXPECT_TRUE(arnFormatOverlaps(Function, "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f"));
}

TEST(Arn, NotAnArnIsNotJudged) {
  EXPECT_TRUE(arnFormatOverlaps(Object, "arn:aws:s3"));
  EXPECT_TRUE(arnFormatOverlaps("*", "arn:aws:s3:::x"));
}

TEST(Arn, ManyStarsStayCheap) {
  std::string Many = "arn:aws:s3:::" + std::string(400, '*') + "x";
  EXPECT_TRUE(arnFormatOverlaps(Object, Many + "/" + std::string(400, '*')));
  EXPECT_FALSE(arnFormatOverlaps(Bucket, "arn:aws:s3:::" + std::string(400, '*') + "/"));
}

} // namespace
