// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <iostream>

namespace Aws {
using IOStream = std::iostream;
using IStream = std::istream;
using OStream = std::ostream;
} // namespace Aws
