//===- core/Spelling.h - Did-you-mean for names ------------------*- C++ -*-===//
//
// How far a misspelt name is from a known one, for the suggestions rules make
// ("did you mean s3:GetObject?"). Case-insensitive (ASCII), as IAM names are.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <string_view>

namespace fnlint {

/// Optimal-string-alignment distance (a swap of neighbours costs 1: "GetObjcet"),
/// case-insensitive; anything above \p Limit comes back as Limit + 1.
std::size_t editDistance(std::string_view A, std::string_view B, std::size_t Limit);

/// How many edits still read as a typo of a name this long.
inline std::size_t typoLimit(std::size_t Length) { return Length <= 4 ? 1 : Length <= 8 ? 2 : 3; }

/// Keeps the closest candidate offered so far within typo distance of a word:
/// `for (...) Near.offer(Candidate); if (Near.best()) ...`. Ties keep the first.
template <typename T> class ClosestSpelling {
public:
  explicit ClosestSpelling(std::string_view Word) : Word(Word), BestD(typoLimit(Word.size()) + 1) {}

  void offer(std::string_view Candidate, T Value) {
    if (BestD == 0) // an exact match: nothing is closer
      return;
    std::size_t D = editDistance(Word, Candidate, BestD - 1);
    if (D < BestD) {
      Best = Value;
      BestD = D;
    }
  }
  T best() const { return Best; }

private:
  std::string_view Word;
  std::size_t BestD;
  T Best{};
};

} // namespace fnlint
