//===- core/Fd.h - An owned file descriptor ---------------------*- C++ -*-===//
#pragma once

#include <unistd.h>

namespace fnlint {

/// Owns a file descriptor and closes it when destroyed or reset.
class Fd {
public:
  Fd() = default;
  explicit Fd(int F) : F(F) {}
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;
  Fd(Fd &&Other) noexcept : F(Other.release()) {}
  Fd &operator=(Fd &&Other) noexcept {
    if (this != &Other)
      reset(Other.release());
    return *this;
  }
  ~Fd() { reset(); }

  int get() const { return F; }
  explicit operator bool() const { return F >= 0; }

  /// Closes the descriptor held, if any, and takes \p N.
  void reset(int N = -1) {
    if (F >= 0)
      ::close(F);
    F = N;
  }

  /// Gives up ownership without closing.
  int release() {
    int Old = F;
    F = -1;
    return Old;
  }

private:
  int F = -1;
};

} // namespace fnlint
