//===- tests/support/Sanitizers.h - Is this the sanitizer build? -*- C++ -*-===//
//
// A few tests cannot run under ASan/UBSan (scripts/sanitize.sh) and skip
// there with a reason, instead of being loosened for every build.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace fnlint::test {

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define FNLINT_TEST_UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define FNLINT_TEST_UNDER_SANITIZER 1
#endif

inline constexpr bool UnderSanitizer =
#ifdef FNLINT_TEST_UNDER_SANITIZER
    true;
#else
    false;
#endif

} // namespace fnlint::test
