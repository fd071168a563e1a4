#include "core/Spelling.h"

#include <algorithm>
#include <vector>

namespace fnlint {

namespace {
char lower(char C) { return C >= 'A' && C <= 'Z' ? static_cast<char>(C - 'A' + 'a') : C; }
} // namespace

std::size_t editDistance(std::string_view A, std::string_view B, std::size_t Limit) {
  if ((A.size() > B.size() ? A.size() - B.size() : B.size() - A.size()) > Limit)
    return Limit + 1;
  std::vector<std::size_t> Prev2(B.size() + 1), Prev(B.size() + 1), Cur(B.size() + 1);
  for (std::size_t J = 0; J <= B.size(); ++J)
    Prev[J] = J;
  for (std::size_t I = 1; I <= A.size(); ++I) {
    Cur[0] = I;
    std::size_t RowMin = Cur[0];
    for (std::size_t J = 1; J <= B.size(); ++J) {
      std::size_t Cost = lower(A[I - 1]) == lower(B[J - 1]) ? 0 : 1;
      Cur[J] = std::min({Prev[J] + 1, Cur[J - 1] + 1, Prev[J - 1] + Cost});
      if (I > 1 && J > 1 && lower(A[I - 1]) == lower(B[J - 2]) && lower(A[I - 2]) == lower(B[J - 1]))
        Cur[J] = std::min(Cur[J], Prev2[J - 2] + 1);
      RowMin = std::min(RowMin, Cur[J]);
    }
    if (RowMin > Limit)
      return Limit + 1;
    std::swap(Prev2, Prev);
    std::swap(Prev, Cur);
  }
  return std::min(Prev[B.size()], Limit + 1);
}

} // namespace fnlint
