#include "core/Finding.h"

#include <algorithm>
#include <tuple>

namespace fnlint {

void sortFindings(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(), [](const Finding &A, const Finding &B) {
    if (lessLocation(A.location, B.location))
      return true;
    if (lessLocation(B.location, A.location))
      return false;
    return std::tie(A.ruleId, A.fingerprintKey, A.message) <
           std::tie(B.ruleId, B.fingerprintKey, B.message);
  });
}

void sortProblems(std::vector<InputProblem> &Problems) {
  std::stable_sort(Problems.begin(), Problems.end(), [](const InputProblem &A, const InputProblem &B) {
    if (lessLocation(A.location, B.location))
      return true;
    if (lessLocation(B.location, A.location))
      return false;
    return A.message < B.message;
  });
}

} // namespace fnlint
