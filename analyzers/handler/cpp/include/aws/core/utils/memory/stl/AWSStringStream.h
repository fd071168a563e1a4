// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <sstream>

namespace Aws {
using StringStream = std::stringstream;
using OStringStream = std::ostringstream;
using IStringStream = std::istringstream;
} // namespace Aws
