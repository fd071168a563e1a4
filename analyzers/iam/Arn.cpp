#include "analyzers/iam/Arn.h"

#include <string>
#include <vector>

namespace fnlint::iam {

namespace {

// Wildcard tokens in a pattern string; every other byte is a literal.
constexpr char AnyRun = '\x01';     ///< `*`: any text
constexpr char NameRun = '\x02';    ///< any text without `/` or `:`
constexpr char OneChar = '\x03';    ///< `?`

bool isRun(char C) { return C == AnyRun || C == NameRun; }
bool isSeparator(char C) { return C == '/' || C == ':'; }
char lower(char C) { return C >= 'A' && C <= 'Z' ? static_cast<char>(C - 'A' + 'a') : C; }

/// Where the `${...}` starting at \p I ends (its `}`), or npos.
std::size_t variableEnd(std::string_view S, std::size_t I) {
  return S.compare(I, 2, "${") == 0 ? S.find('}', I) : std::string_view::npos;
}

/// One segment of a database ARN format as tokens.
std::string formatTokens(std::string_view S, bool FoldCase, bool ResourcePart) {
  std::string Out;
  for (std::size_t I = 0; I < S.size(); ++I) {
    if (std::size_t End = variableEnd(S, I); End != std::string_view::npos) {
      std::string_view Name = S.substr(I + 2, End - I - 2);
      bool WholeArn = Name.size() >= 3 && Name.substr(Name.size() - 3) == "Arn";
      Out += ResourcePart && I == 0 && !WholeArn ? NameRun : AnyRun;
      I = End;
    } else if (S[I] == '*') {
      Out += AnyRun;
    } else {
      Out += FoldCase ? lower(S[I]) : S[I];
    }
  }
  return Out;
}

/// One segment of a policy's resource pattern as tokens.
std::string resourceTokens(std::string_view S, bool FoldCase) {
  std::string Out;
  for (std::size_t I = 0; I < S.size(); ++I) {
    if (std::size_t End = variableEnd(S, I); End != std::string_view::npos) {
      Out += AnyRun; // a policy variable: its value is not known here
      I = End;
    } else if (S[I] == '*') {
      Out += AnyRun;
    } else if (S[I] == '?') {
      Out += OneChar;
    } else {
      Out += FoldCase ? lower(S[I]) : S[I];
    }
  }
  return Out;
}

/// Whether the token patterns \p A and \p B match a common string: a search
/// over pairs of positions, each step consuming one character both accept
/// (or skipping a run). Quadratic in the lengths, which are short.
bool tokensOverlap(const std::string &A, const std::string &B) {
  const std::size_t W = B.size() + 1;
  std::vector<char> Seen(W * (A.size() + 1), 0);
  std::vector<std::size_t> Work{0};
  Seen[0] = 1;
  auto Visit = [&](std::size_t I, std::size_t J) {
    if (!Seen[I * W + J]) {
      Seen[I * W + J] = 1;
      Work.push_back(I * W + J);
    }
  };
  // Whether token T accepts some character that token U accepts too, when U is a literal or `?`.
  auto Accepts = [](char T, char U) {
    if (T == AnyRun || T == OneChar)
      return true;
    if (T == NameRun)
      return U == OneChar || !isSeparator(U);
    return U == OneChar || U == T;
  };
  while (!Work.empty()) {
    std::size_t I = Work.back() / W, J = Work.back() % W;
    Work.pop_back();
    if (I == A.size() && J == B.size())
      return true;
    if (I < A.size() && isRun(A[I]))
      Visit(I + 1, J); // the run ends here
    if (J < B.size() && isRun(B[J]))
      Visit(I, J + 1);
    if (I == A.size() || J == B.size())
      continue;
    char X = A[I], Y = B[J];
    if (isRun(X) && isRun(Y))
      continue; // both runs take a character and stay: nothing new
    if (isRun(X)) {
      if (Accepts(X, Y))
        Visit(I, J + 1);
    } else if (isRun(Y)) {
      if (Accepts(Y, X))
        Visit(I + 1, J);
    } else if (Accepts(X, Y) || Accepts(Y, X)) {
      Visit(I + 1, J + 1);
    }
  }
  return false;
}

} // namespace

bool splitArn(std::string_view Arn, std::string_view (&Parts)[6]) {
  std::size_t Start = 0;
  for (int I = 0; I < 5; ++I) {
    // The colons of a variable (`${AWS::Region}`) separate nothing.
    std::size_t Colon = Start;
    while (Colon < Arn.size() && Arn[Colon] != ':') {
      std::size_t End = variableEnd(Arn, Colon);
      Colon = End == std::string_view::npos ? Colon + 1 : End + 1;
    }
    if (Colon >= Arn.size())
      return false;
    Parts[I] = Arn.substr(Start, Colon - Start);
    Start = Colon + 1;
  }
  Parts[5] = Arn.substr(Start);
  return true;
}

bool arnFormatOverlaps(std::string_view Format, std::string_view Resource) {
  std::string_view F[6], R[6];
  if (!splitArn(Format, F) || !splitArn(Resource, R))
    return true;
  for (int I = 0; I < 6; ++I) {
    bool Fold = I < 5, ResourcePart = I == 5;
    if (!tokensOverlap(formatTokens(F[I], Fold, ResourcePart), resourceTokens(R[I], Fold)))
      return false;
  }
  return true;
}

} // namespace fnlint::iam
