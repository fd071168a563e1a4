//===- core/Fingerprint.cpp - Stable identities for findings --------------===//
//
// githubLineHashes() ports hash() from github/codeql-action src/fingerprints.ts
// (read at commits 85ea24bd and 0225834c; both have the same algorithm, the
// later one reads the file as a UTF-8 stream instead of a string).
//
//===----------------------------------------------------------------------===//

#include "core/Fingerprint.h"

#include "core/ThreadPool.h"

#include <array>
#include <cstdio>
#include <unordered_map>

namespace fnlint {

namespace {

constexpr std::size_t BlockSize = 100;
constexpr std::uint64_t Mod = 37;
/// What the TS code feeds after the last character of the file.
constexpr std::uint32_t EofSentinel = 65535;
constexpr std::uint32_t ReplacementChar = 0xFFFD;

/// Calls \p Emit with every UTF-16 code unit of \p Text decoded as UTF-8 the
/// way Node's decoder does (WHATWG "UTF-8 decode"): each maximal invalid
/// subpart becomes one U+FFFD, a truncated sequence at the end becomes one
/// U+FFFD, and a BOM is kept as U+FEFF (Node's Buffer/stream decoding does not
/// strip it).
template <typename Fn> void forEachUtf16Unit(std::string_view Text, Fn &&Emit) {
  auto EmitCodePoint = [&](std::uint32_t CP) {
    if (CP < 0x10000) {
      Emit(CP);
      return;
    }
    CP -= 0x10000;
    Emit(0xD800 + (CP >> 10));
    Emit(0xDC00 + (CP & 0x3FF));
  };

  std::uint32_t CodePoint = 0;
  unsigned Needed = 0;
  unsigned char Lower = 0x80, Upper = 0xBF;
  for (std::size_t I = 0; I < Text.size();) {
    auto Byte = static_cast<unsigned char>(Text[I]);
    if (Needed == 0) {
      ++I;
      if (Byte < 0x80) {
        Emit(Byte);
      } else if (Byte >= 0xC2 && Byte <= 0xDF) {
        Needed = 1;
        CodePoint = Byte & 0x1F;
      } else if (Byte >= 0xE0 && Byte <= 0xEF) {
        // Reject overlong forms and UTF-16 surrogates up front.
        if (Byte == 0xE0)
          Lower = 0xA0;
        if (Byte == 0xED)
          Upper = 0x9F;
        Needed = 2;
        CodePoint = Byte & 0x0F;
      } else if (Byte >= 0xF0 && Byte <= 0xF4) {
        // Reject overlong forms and code points above U+10FFFF.
        if (Byte == 0xF0)
          Lower = 0x90;
        if (Byte == 0xF4)
          Upper = 0x8F;
        Needed = 3;
        CodePoint = Byte & 0x07;
      } else {
        Emit(ReplacementChar);
      }
      continue;
    }
    if (Byte < Lower || Byte > Upper) {
      // The sequence so far is one invalid subpart; the byte is examined
      // again as the start of something new (not consumed).
      Needed = 0;
      Lower = 0x80;
      Upper = 0xBF;
      Emit(ReplacementChar);
      continue;
    }
    ++I;
    Lower = 0x80;
    Upper = 0xBF;
    CodePoint = (CodePoint << 6) | (Byte & 0x3F);
    if (--Needed == 0)
      EmitCodePoint(CodePoint);
  }
  if (Needed != 0)
    Emit(ReplacementChar);
}

/// Lowercase hex without leading zeros, like Long#toString(16) of an
/// unsigned Long.
std::string shortHex(std::uint64_t V) {
  char Buf[17];
  std::snprintf(Buf, sizeof(Buf), "%llx", static_cast<unsigned long long>(V));
  return Buf;
}

std::string fullHex(std::uint64_t V) {
  char Buf[17];
  std::snprintf(Buf, sizeof(Buf), "%016llx", static_cast<unsigned long long>(V));
  return Buf;
}

/// Appends one field so that no two different field lists serialise to the
/// same bytes, whatever bytes the fields contain: length, ':', bytes, NUL.
void appendField(std::string &Out, std::string_view Field) {
  Out += std::to_string(Field.size());
  Out += ':';
  Out += Field;
  Out += '\0';
}

bool isBlank(char C) {
  return C == ' ' || C == '\t' || C == '\r' || C == '\v' || C == '\f';
}


/// What fingerprintFindings() knows about one artifact path; filled lazily so
/// a file is looked up, split and hashed at most once.
struct FileInfo {
  const std::string *Text = nullptr;
  bool HaveLineStarts = false;
  std::vector<std::size_t> LineStarts; ///< byte offset of each '\n'-separated line
  bool HaveHashes = false;
  std::vector<std::string> Hashes;

  /// Line \p Line (1-based) as fnlint's regions count lines: separated by
  /// '\n' only, like Region::fromOffsets.
  std::string_view line(std::uint32_t Line) {
    if (!HaveLineStarts) {
      HaveLineStarts = true;
      LineStarts.push_back(0);
      for (std::size_t I = 0; I < Text->size(); ++I)
        if ((*Text)[I] == '\n')
          LineStarts.push_back(I + 1);
    }
    if (Line == 0 || Line > LineStarts.size())
      return {};
    std::size_t Begin = LineStarts[Line - 1];
    std::size_t End = Line < LineStarts.size() ? LineStarts[Line] - 1 : Text->size();
    return std::string_view(*Text).substr(Begin, End - Begin);
  }

  const std::vector<std::string> &hashes() {
    if (!HaveHashes) {
      HaveHashes = true;
      Hashes = githubLineHashes(*Text);
    }
    return Hashes;
  }
};

} // namespace

std::vector<std::string> githubLineHashes(std::string_view Text) {
  std::uint64_t FirstMod = 1;
  for (std::size_t I = 0; I < BlockSize; ++I)
    FirstMod *= Mod;

  // Unsigned 64-bit arithmetic wraps exactly like the signed Long of the TS
  // code (two's complement); only the final rendering is unsigned there too.
  std::array<std::uint32_t, BlockSize> Window{};
  // Line number whose first character sits at this window slot; 0 = none.
  std::array<std::uint32_t, BlockSize> LineNumbers{};
  std::uint64_t Hash = 0;
  std::size_t Index = 0;
  std::uint32_t LineNumber = 0;
  bool LineStart = true;
  bool PrevCR = false;
  std::unordered_map<std::string, std::uint32_t> HashCounts;
  std::vector<std::string> Out;

  auto OutputHash = [&] {
    std::string Value = shortHex(Hash);
    std::uint32_t Count = ++HashCounts[Value];
    std::uint32_t Line = LineNumbers[Index];
    if (Out.size() < Line)
      Out.resize(Line);
    Out[Line - 1] = Value + ":" + std::to_string(Count);
    LineNumbers[Index] = 0;
  };

  auto UpdateHash = [&](std::uint32_t Current) {
    std::uint32_t Begin = Window[Index];
    Window[Index] = Current;
    Hash = Mod * Hash + Current - FirstMod * Begin;
    Index = (Index + 1) % BlockSize;
  };

  auto ProcessCharacter = [&](std::uint32_t Current) {
    // Spaces and tabs never count; an LF right after a CR is part of a CRLF.
    if (Current == ' ' || Current == '\t' || (PrevCR && Current == '\n')) {
      PrevCR = false;
      return;
    }
    if (Current == '\r') {
      Current = '\n';
      PrevCR = true;
    } else {
      PrevCR = false;
    }
    if (LineNumbers[Index] != 0)
      OutputHash();
    if (LineStart) {
      LineStart = false;
      ++LineNumber;
      LineNumbers[Index] = LineNumber;
    }
    if (Current == '\n')
      LineStart = true;
    UpdateHash(Current);
  };

  forEachUtf16Unit(Text, ProcessCharacter);
  ProcessCharacter(EofSentinel);

  // Flush: the zero padding gives the last lines a full window.
  for (std::size_t I = 0; I < BlockSize; ++I) {
    if (LineNumbers[Index] != 0)
      OutputHash();
    UpdateHash(0);
  }

  // Every line ends in a processed character (LF, CR or the EOF sentinel), so
  // every line gets a hash; the resize only guarantees the documented shape
  // (one entry per line, "" if none were emitted).
  Out.resize(LineNumber);
  return Out;
}

std::uint64_t fnv1a64(std::string_view Data, std::uint64_t Seed) {
  std::uint64_t Hash = Seed;
  for (char C : Data) {
    Hash ^= static_cast<unsigned char>(C);
    Hash *= 0x100000001b3ULL;
  }
  return Hash;
}

void fingerprintFindings(std::vector<Finding> &Findings, const TextLookup &Texts, unsigned Jobs) {
  std::unordered_map<std::string, FileInfo> Files;
  std::unordered_map<std::string, std::uint32_t> FallbackCounts;

  auto FileFor = [&](const std::string &Path) -> FileInfo & {
    auto [It, Inserted] = Files.try_emplace(Path);
    if (Inserted && Texts)
      It->second.Text = Texts(Path);
    return It->second;
  };

  // Hashing every line of every file with a finding is most of the work (a
  // scan of many policies has findings in each): do it up front, in parallel.
  std::vector<FileInfo *> ToHash;
  for (const Finding &F : Findings)
    if (F.location.members.empty() && F.location.region.startLine != 0) {
      FileInfo &Info = FileFor(F.location.path);
      if (Info.Text && !Info.HaveHashes) {
        Info.HaveHashes = true; // filled below
        ToHash.push_back(&Info);
      }
    }
  parallelFor(ToHash.size(), Jobs, [&](std::size_t I) { ToHash[I]->Hashes = githubLineHashes(*ToHash[I]->Text); });

  // A second, independent seed for the upper half of the 128-bit value.
  const std::uint64_t SecondSeed = fnv1a64("fnlint/v1 second pass");

  for (Finding &F : Findings) {
    const Location &Loc = F.location;
    const std::uint32_t StartLine = Loc.region.startLine;
    // Only a plain file (not an archive member) has text we can look into.
    FileInfo *File = nullptr;
    if (Loc.members.empty() && StartLine != 0) {
      FileInfo &Info = FileFor(Loc.path);
      if (Info.Text)
        File = &Info;
    }

    // The key: the finding's own, else its line's text. The 'k'/'t' tag keeps
    // a key equal to some line's text from colliding with that line.
    std::string Key;
    char KeyKind = 'k';
    if (!F.fingerprintKey.empty()) {
      Key = F.fingerprintKey;
    } else {
      KeyKind = 't';
      // Without any whitespace, so that reformatting a line (`x=1` to
      // `x = 1`, re-indenting) keeps the finding's identity.
      if (File)
        for (char C : File->line(StartLine))
          if (!isBlank(C))
            Key += C;
    }

    std::string Identity;
    appendField(Identity, F.ruleId);
    appendField(Identity, Loc.path);
    appendField(Identity, std::to_string(Loc.members.size()));
    for (const std::string &Member : Loc.members)
      appendField(Identity, Member);

    std::string What;
    appendField(What, Loc.logical.fullyQualifiedName);
    appendField(What, std::string_view(&KeyKind, 1));
    appendField(What, Key);
    std::string Content = "fnlint/v1";
    Content += '\0';
    Content += Identity;
    Content += What;
    F.fingerprint = fullHex(fnv1a64(Content)) + fullHex(fnv1a64(Content, SecondSeed));
    std::string Moved = "fnlint/content";
    Moved += '\0';
    appendField(Moved, F.ruleId);
    Moved += What;
    F.contentHash = fullHex(fnv1a64(Moved)) + fullHex(fnv1a64(Moved, SecondSeed));

    if (File) {
      const std::vector<std::string> &Hashes = File->hashes();
      if (StartLine <= Hashes.size() && !Hashes[StartLine - 1].empty()) {
        F.primaryLocationLineHash = Hashes[StartLine - 1];
        continue;
      }
    }

    // GitHub cannot hash this location: our own value in the same shape,
    // numbered by occurrence so equal values stay distinct.
    std::string Fallback = "fnlint/line";
    Fallback += '\0';
    Fallback += Identity;
    appendField(Fallback, Key);
    std::string Value = fullHex(fnv1a64(Fallback));
    std::uint32_t Count = ++FallbackCounts[Value];
    F.primaryLocationLineHash = Value + ":" + std::to_string(Count);
  }
}

} // namespace fnlint
