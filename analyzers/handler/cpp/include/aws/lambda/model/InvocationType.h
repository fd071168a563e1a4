// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

namespace Aws {
namespace Lambda {
namespace Model {
enum class InvocationType { NOT_SET, Event, RequestResponse, DryRun };
} // namespace Model
} // namespace Lambda
} // namespace Aws
