//===- analyzers/iam/Arn.h - ARNs as policies write them -----------*- C++ -*-===//
//
// `arn:partition:service:region:account:resource`, where the resource part may
// itself hold `:` and `/`. Policies write ARN patterns (`*`, `?`, policy
// variables); the action database writes ARN formats with `${...}`
// placeholders (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string_view>

namespace fnlint::iam {

/// The six parts of \p Arn ("arn", partition, service, region, account and the
/// resource, which keeps its own colons). False when it has fewer than six.
bool splitArn(std::string_view Arn, std::string_view (&Parts)[6]);

/// Whether some ARN matches both the policy's resource pattern \p Resource
/// (`*` and `?` wildcards, `${...}` variables) and the database's \p Format.
/// Partition, service, region and account compare case-insensitively, segment
/// by segment; the resource part case-sensitively. A placeholder that starts
/// the resource part stands for a name without `/` or `:` (`${BucketName}`,
/// `${TopicName}`); other placeholders for any text (`${ObjectName}` holds
/// slashes). True when either is not an ARN: nothing to judge then.
bool arnFormatOverlaps(std::string_view Format, std::string_view Resource);

} // namespace fnlint::iam
