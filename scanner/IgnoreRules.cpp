//===- scanner/IgnoreRules.cpp - .fnlintignore (gitignore syntax) ---------===//
//
// Matching follows git's own behaviour (dir.c and wildmatch.c, checked against
// `git check-ignore --no-index`), not fnmatch(3): '*' '?' and '[...]' never
// match '/', '**' between slashes (or at either end) spans directories, a
// class that is never closed makes the whole pattern fail.
//
//===----------------------------------------------------------------------===//

#include "scanner/IgnoreRules.h"

#include <algorithm>

namespace fnlint {

namespace {

/// Outcome of matching a pattern suffix. The two abort values let an outer
/// '*' or '**' stop retrying positions that cannot succeed, as git does; they
/// are optimisations that never turn a match into a mismatch.
enum class Wild { Match, NoMatch, AbortAll, AbortToDoubleStar };

bool isGlobSpecial(char C) { return C == '*' || C == '?' || C == '[' || C == '\\'; }

/// POSIX bracket classes over ASCII, like git's own ctype (bytes >= 0x80 are
/// in no class). Returns false for an unknown name.
bool inNamedClass(std::string_view Name, unsigned char C, bool &Known) {
  Known = true;
  bool Upper = C >= 'A' && C <= 'Z';
  bool Lower = C >= 'a' && C <= 'z';
  bool Digit = C >= '0' && C <= '9';
  bool Space = C == ' ' || C == '\t' || C == '\n' || C == '\r';
  bool Print = C >= 0x20 && C <= 0x7E;
  if (Name == "alnum")
    return Upper || Lower || Digit;
  if (Name == "alpha")
    return Upper || Lower;
  if (Name == "blank")
    return C == ' ' || C == '\t';
  if (Name == "cntrl")
    return C < 0x20 || C == 0x7F;
  if (Name == "digit")
    return Digit;
  if (Name == "graph")
    return Print && C != ' ';
  if (Name == "lower")
    return Lower;
  if (Name == "print")
    return Print;
  if (Name == "punct")
    return Print && !Upper && !Lower && !Digit && C != ' ';
  if (Name == "space")
    return Space;
  if (Name == "upper")
    return Upper;
  if (Name == "xdigit")
    return Digit || (C >= 'a' && C <= 'f') || (C >= 'A' && C <= 'F');
  Known = false;
  return false;
}

class Matcher {
public:
  explicit Matcher(std::string_view Pattern) : Pat(Pattern) {}

  Wild match(std::size_t PI, std::string_view Text, std::size_t TI) const {
    for (; PI < Pat.size(); ++PI, ++TI) {
      char PC = Pat[PI];
      // Text exhausted: only '*' can still match (the empty string).
      if (TI == Text.size() && PC != '*')
        return Wild::AbortAll;
      char TC = TI < Text.size() ? Text[TI] : '\0';
      switch (PC) {
      case '\\':
        // Escaped character matches itself; a trailing '\' matches nothing.
        if (++PI == Pat.size() || TC != Pat[PI])
          return Wild::NoMatch;
        continue;
      case '?':
        if (TC == '/')
          return Wild::NoMatch;
        continue;
      case '[': {
        Wild R = matchClass(PI, static_cast<unsigned char>(TC));
        if (R != Wild::Match)
          return R;
        continue;
      }
      case '*': {
        Wild R = Wild::NoMatch;
        if (matchStar(PI, Text, TI, R))
          return R;
        continue; // a single '*' before '/' skipped to the next slash
      }
      default:
        if (TC != PC)
          return Wild::NoMatch;
        continue;
      }
    }
    return TI == Text.size() ? Wild::Match : Wild::NoMatch;
  }

private:
  std::string_view Pat;

  /// Handles the '*' run at \p PI. Returns true with \p Result set when the
  /// match is decided; returns false after moving \p PI onto a '/' and \p TI
  /// onto the next '/' of the text, for the caller's loop to step over both.
  bool matchStar(std::size_t &PI, std::string_view Text, std::size_t &TI, Wild &Result) const {
    std::size_t Next = PI + 1;
    bool MatchSlash = false;
    if (Next < Pat.size() && Pat[Next] == '*') {
      std::size_t First = PI;
      while (Next < Pat.size() && Pat[Next] == '*')
        ++Next;
      bool StartsSegment = First == 0 || Pat[First - 1] == '/';
      bool EndsSegment = Next == Pat.size() || Pat[Next] == '/' ||
                         (Pat[Next] == '\\' && Next + 1 < Pat.size() && Pat[Next + 1] == '/');
      if (StartsSegment && EndsSegment) {
        // "**/" may match no directory at all: try the rest right here.
        if (Next < Pat.size() && Pat[Next] == '/' && match(Next + 1, Text, TI) == Wild::Match) {
          Result = Wild::Match;
          return true;
        }
        MatchSlash = true;
      }
      // Any other run of stars is a plain '*'.
    }
    PI = Next;

    if (PI == Pat.size()) {
      // Trailing "**" matches everything; a trailing '*' only within a segment.
      Result = MatchSlash || Text.find('/', TI) == std::string_view::npos ? Wild::Match
                                                                          : Wild::NoMatch;
      return true;
    }
    if (!MatchSlash && Pat[PI] == '/') {
      // "*/": the star takes the rest of this path segment.
      std::size_t Slash = Text.find('/', TI);
      if (Slash == std::string_view::npos) {
        Result = Wild::NoMatch;
        return true;
      }
      TI = Slash;
      return false;
    }

    for (; TI < Text.size(); ++TI) {
      if (!isGlobSpecial(Pat[PI])) {
        // Skip ahead to the next occurrence of the literal that follows.
        char Literal = Pat[PI];
        while (TI < Text.size() && (MatchSlash || Text[TI] != '/') && Text[TI] != Literal)
          ++TI;
        if (TI == Text.size() || Text[TI] != Literal) {
          Result = Wild::NoMatch;
          return true;
        }
      }
      Wild R = match(PI, Text, TI);
      if (R != Wild::NoMatch) {
        if (!MatchSlash || R != Wild::AbortToDoubleStar) {
          Result = R;
          return true;
        }
      } else if (!MatchSlash && Text[TI] == '/') {
        // A single star cannot cross this slash; let an outer "**" retry.
        Result = Wild::AbortToDoubleStar;
        return true;
      }
    }
    Result = Wild::AbortAll;
    return true;
  }

  /// Matches the bracket expression starting at \p PI against \p TC. On a
  /// match, leaves \p PI on the closing ']'.
  Wild matchClass(std::size_t &PI, unsigned char TC) const {
    auto At = [&](std::size_t I) -> unsigned char {
      return I < Pat.size() ? static_cast<unsigned char>(Pat[I]) : 0;
    };
    ++PI;
    bool Negated = At(PI) == '!' || At(PI) == '^';
    if (Negated)
      ++PI;
    // The first member may be ']' (taken literally): check for the end only
    // after one member has been read.
    unsigned char Prev = 0;
    bool Matched = false;
    do {
      unsigned char PC = At(PI);
      if (PI >= Pat.size())
        return Wild::AbortAll;
      if (PC == '\\') {
        ++PI;
        if (PI >= Pat.size())
          return Wild::AbortAll;
        PC = At(PI);
        if (TC == PC)
          Matched = true;
      } else if (PC == '-' && Prev && PI + 1 < Pat.size() && Pat[PI + 1] != ']') {
        ++PI;
        PC = At(PI);
        if (PC == '\\') {
          ++PI;
          if (PI >= Pat.size())
            return Wild::AbortAll;
          PC = At(PI);
        }
        if (TC <= PC && TC >= Prev)
          Matched = true;
        PC = 0; // a range end cannot start another range
      } else if (PC == '[' && At(PI + 1) == ':') {
        std::size_t NameBegin = PI + 2;
        std::size_t Close = Pat.find(']', NameBegin);
        if (Close == std::string_view::npos)
          return Wild::AbortAll;
        if (Close == NameBegin || Pat[Close - 1] != ':') {
          // Not "[:name:]": the '[' is an ordinary member.
          if (TC == '[')
            Matched = true;
        } else {
          bool Known = false;
          if (inNamedClass(Pat.substr(NameBegin, Close - 1 - NameBegin), TC, Known))
            Matched = true;
          if (!Known)
            return Wild::AbortAll;
          PI = Close;
          PC = 0;
        }
      } else if (TC == PC) {
        Matched = true;
      }
      Prev = PC;
      ++PI;
      if (PI >= Pat.size())
        return Wild::AbortAll;
    } while (Pat[PI] != ']');
    if (Matched == Negated || TC == '/')
      return Wild::NoMatch;
    return Wild::Match;
  }
};

/// git's trim_trailing_spaces(): drops trailing ' ' unless backslash-escaped.
std::string_view trimTrailingSpaces(std::string_view Line) {
  std::size_t End = Line.size();
  std::size_t LastSpace = std::string_view::npos;
  for (std::size_t I = 0; I < Line.size(); ++I) {
    if (Line[I] == ' ') {
      if (LastSpace == std::string_view::npos)
        LastSpace = I;
      continue;
    }
    if (Line[I] == '\\' && ++I == Line.size())
      return Line; // a lone trailing '\' keeps everything, as in git
    LastSpace = std::string_view::npos;
  }
  if (LastSpace != std::string_view::npos)
    End = LastSpace;
  return Line.substr(0, End);
}

/// "./a/b/" -> "a/b"; "" and "." -> "".
std::string_view normalizeDir(std::string_view Dir) {
  while (Dir.starts_with("./"))
    Dir.remove_prefix(2);
  if (Dir == ".")
    return {};
  while (!Dir.empty() && Dir.front() == '/')
    Dir.remove_prefix(1);
  while (!Dir.empty() && Dir.back() == '/')
    Dir.remove_suffix(1);
  return Dir;
}

std::size_t depthOf(std::string_view Dir) {
  return Dir.empty() ? 0 : 1 + std::count(Dir.begin(), Dir.end(), '/');
}

} // namespace

void IgnoreRules::addFile(std::string_view Contents, std::string_view BaseDir) {
  if (Contents.starts_with("\xEF\xBB\xBF"))
    Contents.remove_prefix(3);
  std::string Base(normalizeDir(BaseDir));

  std::vector<Pattern> Added;
  while (!Contents.empty()) {
    std::size_t NL = Contents.find('\n');
    std::string_view Line = Contents.substr(0, NL);
    Contents.remove_prefix(NL == std::string_view::npos ? Contents.size() : NL + 1);

    // As git: the comment test sees the raw line, then CR and spaces go.
    if (Line.empty() || Line.front() == '#')
      continue;
    if (Line.back() == '\r')
      Line.remove_suffix(1);
    Line = trimTrailingSpaces(Line);

    Pattern P;
    P.baseDir = Base;
    if (Line.starts_with("!")) {
      P.negated = true;
      Line.remove_prefix(1);
    }
    if (Line.ends_with("/")) {
      P.directoryOnly = true;
      Line.remove_suffix(1);
    }
    // A slash left anywhere (start or middle) anchors to the file's directory.
    P.anchored = Line.find('/') != std::string_view::npos;
    if (Line.starts_with("/"))
      Line.remove_prefix(1);
    if (Line.empty())
      continue;
    P.glob = std::string(Line);
    // "**/**/" means what "**/" means; each repetition multiplies the
    // backtracking of the matcher, so a hostile file could stall a scan.
    for (std::size_t Pos; (Pos = P.glob.find("**/**/")) != std::string::npos;)
      P.glob.erase(Pos, 3);
    Added.push_back(std::move(P));
  }

  // Patterns of deeper ignore files override shallower ones whatever order
  // the files were added in: keep the list sorted by depth (stable), so the
  // last match found scanning backwards is the one git would pick.
  std::size_t Depth = depthOf(Base);
  auto Pos = std::find_if(Patterns.begin(), Patterns.end(),
                          [&](const Pattern &P) { return depthOf(P.baseDir) > Depth; });
  Patterns.insert(Pos, std::make_move_iterator(Added.begin()),
                  std::make_move_iterator(Added.end()));
}

bool IgnoreRules::isIgnored(std::string_view Path, bool IsDirectory) const {
  Path = normalizeDir(Path);
  if (Path.empty())
    return false;
  std::size_t LastSlash = Path.rfind('/');
  std::string_view Basename =
      LastSlash == std::string_view::npos ? Path : Path.substr(LastSlash + 1);

  for (auto It = Patterns.rbegin(); It != Patterns.rend(); ++It) {
    const Pattern &P = *It;
    if (P.directoryOnly && !IsDirectory)
      continue;
    // An ignore file only speaks about paths strictly below its directory.
    std::string_view Rel = Path;
    if (!P.baseDir.empty()) {
      if (Path.size() <= P.baseDir.size() + 1 || !Path.starts_with(P.baseDir) ||
          Path[P.baseDir.size()] != '/')
        continue;
      Rel = Path.substr(P.baseDir.size() + 1);
    }
    if (P.anchored ? matchPathname(P.glob, Rel) : globMatch(P.glob, Basename))
      return !P.negated;
  }
  return false;
}

bool IgnoreRules::matchPathname(std::string_view Glob, std::string_view Rel) {
  // As git's match_pathname(): the literal prefix (up to the first wildcard
  // or '\\') is compared first and cut from both sides before wildcard
  // matching. This is observable: a "**" right after the prefix then counts
  // as leading, so "foo**/bar" matches "foo/x/bar" and "d/x**" matches
  // "d/x/y/z", exactly as in git.
  std::size_t Prefix = 0;
  while (Prefix < Glob.size() && !isGlobSpecial(Glob[Prefix]))
    ++Prefix;
  if (Prefix > 0) {
    if (Prefix > Rel.size() || Glob.substr(0, Prefix) != Rel.substr(0, Prefix))
      return false;
    Glob.remove_prefix(Prefix);
    Rel.remove_prefix(Prefix);
    if (Glob.empty())
      return Rel.empty();
  }
  return globMatch(Glob, Rel);
}

bool IgnoreRules::globMatch(std::string_view Glob, std::string_view Text) {
  return Matcher(Glob).match(0, Text, 0) == Wild::Match;
}

} // namespace fnlint
