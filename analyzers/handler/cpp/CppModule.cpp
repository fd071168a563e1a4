//===- analyzers/handler/cpp/CppModule.cpp - fnlint's side of fnlint-cpp --===//
//
// Runs the fnlint-cpp helper (HelperMain.cpp describes the JSON protocol) and
// turns its reply into the core model. No Clang header may be included here:
// this unit is part of fnlint_analyzers, which every fnlint run loads.
//
// The helper is started with core/Subprocess: the request goes to its stdin,
// the reply comes back on stdout, with a time limit and caps on both outputs.
// Whatever goes wrong (not installed, cannot start, timed out, crashed, failed,
// garbled reply) becomes an InputProblem; nothing here throws or brings fnlint
// down.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/cpp/CppModule.h"

#include "core/RuleInfo.h"
#include "core/Subprocess.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fnlint::cpp {

namespace {

constexpr int ProtocolVersion = 1;
constexpr std::size_t MaxReplyBytes = 256u << 20; ///< a reply this large is a runaway helper
constexpr std::size_t MaxStderrBytes = 16u << 10;  ///< kept for messages only

namespace fs = std::filesystem;

InputProblem problem(std::string Message, std::string Path = {}) {
  InputProblem P;
  P.level = Level::Warning;
  P.location.path = std::move(Path);
  P.message = std::move(Message);
  return P;
}

std::string exeDir() {
  std::error_code EC;
  fs::path Exe = fs::read_symlink("/proc/self/exe", EC);
  if (EC)
    return {};
  return Exe.parent_path().string();
}

/// Where the helper may be, in the order tried: beside the executable (the build
/// tree: build/cli/fnlint and build/cli/fnlint-cpp), then the installed layout
/// (<prefix>/bin/fnlint and <prefix>/libexec/fnlint/fnlint-cpp).
std::vector<std::string> helperCandidates() {
  std::string Dir = exeDir();
  if (Dir.empty())
    return {};
  return {(fs::path(Dir) / "fnlint-cpp").lexically_normal().string(),
          (fs::path(Dir) / ".." / "libexec" / "fnlint" / "fnlint-cpp").lexically_normal().string()};
}

bool isExecutableFile(const std::string &Path) {
  struct stat St;
  return !Path.empty() && ::stat(Path.c_str(), &St) == 0 && S_ISREG(St.st_mode) &&
         ::access(Path.c_str(), X_OK) == 0;
}

std::string signalName(int Sig) {
  switch (Sig) {
  case SIGSEGV: return "SIGSEGV";
  case SIGABRT: return "SIGABRT";
  case SIGBUS: return "SIGBUS";
  case SIGILL: return "SIGILL";
  case SIGFPE: return "SIGFPE";
  case SIGKILL: return "SIGKILL";
  case SIGTERM: return "SIGTERM";
  case SIGINT: return "SIGINT";
  case SIGPIPE: return "SIGPIPE";
  case SIGTRAP: return "SIGTRAP";
  case SIGXCPU: return "SIGXCPU";
  case SIGHUP: return "SIGHUP";
  default: return "signal " + std::to_string(Sig);
  }
}

/// The first non-empty line of \p Text, shortened for a message.
std::string firstLine(std::string_view Text) {
  while (!Text.empty()) {
    std::size_t NL = Text.find('\n');
    std::string_view Line = Text.substr(0, NL);
    while (!Line.empty() && (Line.back() == '\r' || Line.back() == ' '))
      Line.remove_suffix(1);
    if (!Line.empty()) {
      std::string Out(Line.substr(0, 300));
      if (Line.size() > 300)
        Out += "...";
      return Out;
    }
    if (NL == std::string_view::npos)
      break;
    Text.remove_prefix(NL + 1);
  }
  return {};
}

std::uint32_t toU32(const nlohmann::json &V) {
  if (V.is_number_unsigned())
    return V.get<std::uint32_t>();
  if (V.is_number_integer()) {
    auto I = V.get<std::int64_t>();
    return I < 0 ? 0 : static_cast<std::uint32_t>(std::min<std::int64_t>(I, UINT32_MAX));
  }
  return 0;
}

std::string str(const nlohmann::json &O, const char *Key) {
  auto It = O.find(Key);
  return It != O.end() && It->is_string() ? It->get<std::string>() : std::string();
}

std::uint32_t num(const nlohmann::json &O, const char *Key) {
  auto It = O.find(Key);
  return It != O.end() ? toU32(*It) : 0;
}

/// A location from an object with file/line/column (and endLine/endColumn).
/// Columns are bytes; without the text at hand the UTF-16 columns are set equal.
Location location(const nlohmann::json &O) {
  Location L;
  L.path = str(O, "file");
  Region &R = L.region;
  R.startLine = num(O, "line");
  R.startColumn = num(O, "column");
  R.endLine = num(O, "endLine");
  R.endColumn = num(O, "endColumn");
  R.startColumnUtf16 = R.startColumn;
  R.endColumnUtf16 = R.endColumn;
  return L;
}

Level level(const nlohmann::json &O) {
  return parseLevel(str(O, "level")).value_or(Level::Warning);
}

/// Maps a reply into \p Result; returns an error message when it is unusable.
std::string readReply(const std::string &Text, CppAnalysis &Result) {
  nlohmann::json Reply = nlohmann::json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (Reply.is_discarded())
    return "fnlint-cpp returned malformed output (not JSON)";
  if (!Reply.is_object())
    return "fnlint-cpp returned malformed output (not a JSON object)";
  auto Version = Reply.find("version");
  if (Version == Reply.end() || !Version->is_number_integer())
    return "fnlint-cpp returned malformed output (no protocol version)";
  if (Version->get<std::int64_t>() != ProtocolVersion)
    return "fnlint-cpp speaks protocol version " + std::to_string(Version->get<std::int64_t>()) +
           " but this fnlint expects " + std::to_string(ProtocolVersion) +
           "; install the fnlint-cpp that came with this fnlint";
  for (const char *Key : {"handlers", "findings", "problems"}) {
    auto It = Reply.find(Key);
    if (It == Reply.end() || !It->is_array())
      return std::string("fnlint-cpp returned malformed output (\"") + Key + "\" is not an array)";
  }

  for (const nlohmann::json &H : Reply["handlers"]) {
    if (!H.is_object())
      continue;
    HandlerInfo Info;
    Info.function = str(H, "function");
    Info.location = location(H);
    std::string_view Name = Info.function;
    // The unqualified name: after the last "::" outside of "<...>" / "(...)".
    std::size_t Cut = std::string_view::npos;
    int Depth = 0;
    for (std::size_t I = 0; I + 1 < Name.size(); ++I) {
      char C = Name[I];
      if (C == '<' || C == '(')
        ++Depth;
      else if ((C == '>' || C == ')') && Depth > 0)
        --Depth;
      else if (Depth == 0 && C == ':' && Name[I + 1] == ':')
        Cut = I;
    }
    Info.location.logical.name = std::string(Cut == std::string_view::npos ? Name : Name.substr(Cut + 2));
    Info.location.logical.fullyQualifiedName = Info.function;
    Info.location.logical.kind = "function";

    permissions::CallInventory Inv;
    Inv.handler = Info.location;
    if (auto Calls = H.find("calls"); Calls != H.end() && Calls->is_array())
      for (const nlohmann::json &C : *Calls)
        if (C.is_object() && !str(C, "service").empty() && !str(C, "operation").empty())
          Inv.calls.push_back({permissions::Sdk::Cpp, str(C, "service"), str(C, "operation"), location(C)});
    if (auto Partial = H.find("partial"); Partial != H.end() && Partial->is_array())
      for (const nlohmann::json &P : *Partial)
        if (P.is_object())
          Inv.partial.push_back({str(P, "reason"), location(P)});
    Result.inventories.push_back(std::move(Inv));
    Result.handlers.push_back(std::move(Info));
  }
  for (const nlohmann::json &F : Reply["findings"]) {
    if (!F.is_object())
      continue;
    Finding Out;
    Out.ruleId = str(F, "ruleId");
    const RuleInfo *Rule = findRule(Out.ruleId);
    if (!Rule) { // a helper newer than this fnlint: say so rather than report an unknown rule
      Result.problems.push_back(problem("fnlint-cpp reported unknown rule '" + Out.ruleId + "'", str(F, "file")));
      continue;
    }
    Out.level = F.contains("level") ? level(F) : Rule->level;
    Out.message = str(F, "message");
    Out.location = location(F);
    Out.fingerprintKey = str(F, "fingerprintKey");
    if (auto It = F.find("properties"); It != F.end() && It->is_object())
      Out.properties = *It;
    Result.findings.push_back(std::move(Out));
  }
  for (const nlohmann::json &P : Reply["problems"]) {
    if (!P.is_object())
      continue;
    InputProblem Out;
    Out.level = level(P);
    Out.location = location(P);
    Out.message = str(P, "message");
    Result.problems.push_back(std::move(Out));
  }
  return {};
}

std::string plural(std::size_t N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

} // namespace

std::string defaultHelperPath() {
  std::vector<std::string> Candidates = helperCandidates();
  for (const std::string &C : Candidates)
    if (isExecutableFile(C))
      return C;
  return Candidates.empty() ? std::string("fnlint-cpp") : Candidates.front();
}

CppAnalysis analyzeSources(const std::string &Root, const std::vector<std::string> &Sources,
                           const CppOptions &Options) {
  CppAnalysis Result;
  if (Sources.empty())
    return Result; // nothing to analyse: the helper is not even looked for

  std::string Helper = Options.helperPath;
  std::vector<std::string> Looked;
  if (Helper.empty()) {
    Looked = helperCandidates();
    Helper = defaultHelperPath();
  } else {
    Looked = {Helper};
  }
  const std::string What = plural(Sources.size(), "C/C++ source", "C/C++ sources");
  if (!isExecutableFile(Helper)) {
    std::string Where;
    for (const std::string &L : Looked)
      Where += (Where.empty() ? "" : ", ") + L;
    Result.problems.push_back(problem("C/C++ analysis skipped: fnlint-cpp is not installed (looked for " +
                                      (Where.empty() ? std::string("fnlint-cpp") : Where) + "); " + What +
                                      " not analysed"));
    return Result;
  }

  std::error_code EC;
  fs::path AbsRoot = fs::absolute(Root.empty() ? fs::path(".") : fs::path(Root), EC).lexically_normal();
  std::string RootStr = AbsRoot.string();
  while (RootStr.size() > 1 && RootStr.back() == '/')
    RootStr.pop_back();
  std::string DbDir;
  if (!Options.compileCommandsDir.empty())
    DbDir = fs::absolute(Options.compileCommandsDir, EC).lexically_normal().string();

  nlohmann::json Request = {{"version", ProtocolVersion},
                            {"root", RootStr},
                            {"sources", Sources},
                            {"compileCommandsDir", DbDir}};
  std::string RequestText;
  try {
    RequestText = Request.dump();
  } catch (const nlohmann::json::exception &E) { // a path that is not UTF-8
    Result.problems.push_back(problem(std::string("C/C++ analysis skipped: cannot encode the request: ") + E.what()));
    return Result;
  }

  SubprocessOptions Run;
  Run.input = RequestText;
  Run.timeout = std::chrono::seconds(Options.timeoutSeconds);
  Run.maxStdout = MaxReplyBytes;
  Run.stdoutOverCap = OverCap::Kill;
  Run.maxStderr = MaxStderrBytes;
  SubprocessResult Child = runSubprocess({Helper}, Run);
  if (!Child.started) {
    Result.problems.push_back(
        problem("C/C++ analysis skipped: cannot start " + Helper + ": " + Child.spawnError + "; " + What + " not analysed"));
    return Result;
  }
  Result.ran = true;

  if (Child.timedOut) {
    Result.problems.push_back(problem("C/C++ analysis timed out after " + std::to_string(Options.timeoutSeconds) +
                                      " s (limits.file-seconds for each source, and one more); " + What +
                                      " not analysed"));
    return Result;
  }
  if (Child.stdoutTooLarge) {
    Result.problems.push_back(problem("C/C++ analysis abandoned: fnlint-cpp wrote more than " +
                                      std::to_string(MaxReplyBytes >> 20) + " MB"));
    return Result;
  }
  if (Child.signal != 0) {
    Result.problems.push_back(problem("fnlint-cpp crashed (" + signalName(Child.signal) + ", signal " +
                                      std::to_string(Child.signal) + ") while analysing " + What +
                                      "; no C/C++ results"));
    return Result;
  }
  if (Child.exitCode != 0) {
    std::string Why = firstLine(Child.err);
    Result.problems.push_back(problem("fnlint-cpp failed (exit status " + std::to_string(Child.exitCode) + ")" +
                                      (Why.empty() ? std::string() : ": " + Why) + "; no C/C++ results"));
    return Result;
  }

  CppAnalysis Parsed;
  std::string Error;
  try {
    Error = readReply(Child.out, Parsed);
  } catch (const nlohmann::json::exception &E) {
    Error = std::string("fnlint-cpp returned malformed output: ") + E.what();
  }
  if (!Error.empty()) {
    Result.problems.push_back(problem(Error));
    return Result;
  }
  Parsed.ran = true;
  return Parsed;
}

} // namespace fnlint::cpp
