#include "core/IamActions.h"

#include "core/RuleInfo.h"
#include "core/Spelling.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace fnlint {

/// rules/data/iam-actions.tsv, generated into the build by tools/embed-text.
std::string_view embeddedIamActionsTable();

namespace {

constexpr std::string_view TableName = "iam-actions";
constexpr std::string_view EmbeddedOrigin = "rules/data/iam-actions.tsv (embedded)";

char lower(char C) { return C >= 'A' && C <= 'Z' ? static_cast<char>(C - 'A' + 'a') : C; }

int compareNoCase(std::string_view A, std::string_view B) {
  std::size_t N = std::min(A.size(), B.size());
  for (std::size_t I = 0; I < N; ++I) {
    char X = lower(A[I]), Y = lower(B[I]);
    if (X != Y)
      return X < Y ? -1 : 1;
  }
  return A.size() == B.size() ? 0 : A.size() < B.size() ? -1 : 1;
}

bool lessNoCase(std::string_view A, std::string_view B) { return compareNoCase(A, B) < 0; }
bool startsWithNoCase(std::string_view S, std::string_view Prefix) {
  return S.size() >= Prefix.size() && compareNoCase(S.substr(0, Prefix.size()), Prefix) == 0;
}
bool isWildcard(char C) { return C == '*' || C == '?'; }

/// IAM wildcard match: `*` any run (empty too), `?` exactly one character,
/// ASCII case-insensitive. Greedy with one backtrack point: linear in practice.
bool globMatch(std::string_view P, std::string_view S) {
  std::size_t Pi = 0, Si = 0, StarP = std::string_view::npos, StarS = 0;
  while (Si < S.size()) {
    if (Pi < P.size() && P[Pi] == '*') {
      StarP = Pi++;
      StarS = Si;
    } else if (Pi < P.size() && (P[Pi] == '?' || lower(P[Pi]) == lower(S[Si]))) {
      ++Pi;
      ++Si;
    } else if (StarP != std::string_view::npos) {
      Pi = StarP + 1;
      Si = ++StarS;
    } else {
      return false;
    }
  }
  while (Pi < P.size() && P[Pi] == '*')
    ++Pi;
  return Pi == P.size();
}

void split(std::string_view S, char Sep, std::vector<std::string_view> &Out) {
  Out.clear();
  if (S.empty())
    return;
  for (std::size_t Pos = 0;;) {
    std::size_t End = S.find(Sep, Pos);
    Out.push_back(S.substr(Pos, End - Pos));
    if (End == std::string_view::npos)
      return;
    Pos = End + 1;
  }
}

/// A condition key template as a wildcard pattern: "aws:RequestTag/${TagKey}" ->
/// "aws:RequestTag/?*", "s3:ExistingObjectTag/<key>" -> "s3:ExistingObjectTag/?*",
/// "aws:PrincipalTag/tag-key" -> "aws:PrincipalTag/?*". Empty when it has no placeholder.
std::string keyPattern(std::string_view Key) {
  std::string Out;
  bool Placeholder = false;
  for (std::size_t I = 0; I < Key.size(); ++I) {
    char Close = Key.compare(I, 2, "${") == 0 ? '}' : Key[I] == '<' ? '>' : '\0';
    std::size_t End = Close ? Key.find(Close, I) : std::string_view::npos;
    if (End != std::string_view::npos) {
      Out += "?*"; // a placeholder stands for at least one character
      I = End;
      Placeholder = true;
    } else {
      Out += Key[I];
    }
  }
  if (!Placeholder && Key.size() > 8 && Key.substr(Key.size() - 8) == "/tag-key") {
    Out.resize(Out.size() - 7);
    Out += "?*";
    Placeholder = true;
  }
  return Placeholder ? Out : std::string();
}

bool keyMatches(std::string_view Template, std::string_view Key) {
  if (compareNoCase(Template, Key) == 0)
    return true;
  std::string P = keyPattern(Template);
  return !P.empty() && globMatch(P, Key);
}

/// Visits the actions of \p S whose names match \p ActionPart, until \p F returns
/// false; only those sharing its literal start ("Get" of "Get*Acl"), found by
/// binary search. Returns false when \p F stopped the walk.
template <typename Fn> bool matchActions(const IamService &S, std::string_view ActionPart, Fn &F) {
  std::string_view Literal = ActionPart.substr(0, std::min(ActionPart.size(), ActionPart.find_first_of("*?")));
  auto It = std::lower_bound(S.actions.begin(), S.actions.end(), Literal,
                             [](const IamAction &A, std::string_view L) { return lessNoCase(A.name, L); });
  for (; It != S.actions.end() && startsWithNoCase(It->name, Literal); ++It)
    if (globMatch(ActionPart, It->name) && !F(*It))
      return false;
  return true;
}

/// Visits every action \p Pattern matches, in database order, until \p F returns false.
template <typename Fn> void forEachMatch(const IamDatabase &Db, std::string_view Pattern, Fn &&F) {
  std::size_t Colon = Pattern.find(':');
  if (Colon != std::string_view::npos) {
    // "service:action" has exactly one colon and neither part has one, so the
    // pattern's colon can only match that one: each side matches on its own.
    std::string_view ServicePart = Pattern.substr(0, Colon), ActionPart = Pattern.substr(Colon + 1);
    if (ActionPart.find(':') != std::string_view::npos)
      return;
    if (std::none_of(ServicePart.begin(), ServicePart.end(), isWildcard)) {
      if (const IamService *S = Db.findService(ServicePart))
        matchActions(*S, ActionPart, F);
      return;
    }
    for (const IamService &S : Db.services())
      if (globMatch(ServicePart, S.prefix) && !matchActions(S, ActionPart, F))
        return;
    return;
  }
  // No colon ("*", "iam*"): match the whole "service:action" text, skipping
  // services whose "prefix:" disagrees with the pattern's literal start.
  std::string_view Literal = Pattern.substr(0, std::min(Pattern.size(), Pattern.find_first_of("*?")));
  std::string Full;
  for (const IamService &S : Db.services()) {
    Full.assign(S.prefix);
    Full += ':';
    std::size_t N = std::min(Full.size(), Literal.size());
    if (compareNoCase(std::string_view(Full).substr(0, N), Literal.substr(0, N)) != 0)
      continue;
    for (const IamAction &A : S.actions) {
      Full.resize(S.prefix.size() + 1);
      Full += A.name;
      if (globMatch(Pattern, Full) && !F(A))
        return;
    }
  }
}

} // namespace

std::string_view iamAccessLevelName(IamAccessLevel Level) {
  switch (Level) {
  case IamAccessLevel::List:
    return "List";
  case IamAccessLevel::Read:
    return "Read";
  case IamAccessLevel::Write:
    return "Write";
  case IamAccessLevel::Tagging:
    return "Tagging";
  case IamAccessLevel::PermissionsManagement:
    return "Permissions management";
  }
  return "";
}

std::string IamAction::qualifiedName() const {
  std::string Out(service ? service->prefix : std::string_view());
  Out += ':';
  Out += name;
  return Out;
}

const IamAction *IamService::findAction(std::string_view Name) const {
  auto It = std::lower_bound(actions.begin(), actions.end(), Name,
                             [](const IamAction &A, std::string_view N) { return lessNoCase(A.name, N); });
  return It != actions.end() && compareNoCase(It->name, Name) == 0 ? &*It : nullptr;
}

const IamResourceType *IamService::findResourceType(std::string_view Name) const {
  auto It = std::lower_bound(resourceTypes.begin(), resourceTypes.end(), Name,
                             [](const IamResourceType &R, std::string_view N) { return lessNoCase(R.name, N); });
  return It != resourceTypes.end() && compareNoCase(It->name, Name) == 0 ? &*It : nullptr;
}

std::unique_ptr<IamDatabase> IamDatabase::parse(std::string Text, std::string_view Origin, std::string &Error) {
  std::unique_ptr<IamDatabase> Db(new IamDatabase);
  Db->Text = std::move(Text);
  Db->View = Db->Text;
  if (!Db->parseText(Origin, Error))
    return nullptr;
  return Db;
}

std::unique_ptr<IamDatabase> IamDatabase::load(std::string_view Path, std::string &Error) {
  namespace fs = std::filesystem;
  fs::path File(Path);
  std::error_code EC;
  if (!fs::exists(File, EC)) {
    Error = File.string() + ": no such directory (expected a folder holding " + std::string(TableName) + ".tsv)";
    return nullptr;
  }
  if (fs::is_directory(File, EC))
    File /= std::string(TableName) + ".tsv";
  std::ifstream In(File, std::ios::binary);
  if (!In) {
    Error = File.string() + ": cannot read the IAM action table (make it with scripts/gen-iam-data.sh --out)";
    return nullptr;
  }
  std::ostringstream Buf;
  Buf << In.rdbuf();
  return parse(std::move(Buf).str(), File.string(), Error);
}

const IamDatabase &IamDatabase::embedded() {
  // A function-local static: parsed by the first caller, once, even across threads.
  static const std::unique_ptr<IamDatabase> Db = [] {
    std::unique_ptr<IamDatabase> D(new IamDatabase);
    D->View = embeddedIamActionsTable();
    std::string Error;
    if (!D->parseText(EmbeddedOrigin, Error)) {
      // The table is checked by the test suite; reaching this is a build defect.
      std::fprintf(stderr, "fnlint: internal error: %s\n", Error.c_str());
      std::abort();
    }
    return D;
  }();
  return *Db;
}

bool IamDatabase::parseText(std::string_view Origin, std::string &Error) {
  std::vector<std::string_view> F, List, Keys;
  IamService *Svc = nullptr;
  std::size_t LineNo = 0;
  bool InRecords = false;
  auto Fail = [&](const std::string &Msg) {
    Error = std::string(Origin) + ":" + std::to_string(LineNo) + ": " + Msg;
    return false;
  };
  // Keys of the service's own prefix are stored as ":Key".
  auto KeyList = [&](std::string_view S, std::vector<std::string_view> &Out) {
    split(S, ',', Keys);
    Out.reserve(Keys.size());
    for (std::string_view K : Keys) {
      if (!K.empty() && K[0] == ':' && Svc)
        Out.push_back(*Interned.insert(std::string(Svc->prefix) + std::string(K)).first);
      else
        Out.push_back(K);
    }
  };

  for (std::size_t Pos = 0; Pos < View.size();) {
    std::size_t End = View.find('\n', Pos);
    std::string_view Line = View.substr(Pos, End - Pos);
    Pos = End == std::string_view::npos ? View.size() : End + 1;
    ++LineNo;
    if (!Line.empty() && Line.back() == '\r') // a copy edited on Windows
      Line.remove_suffix(1);
    if (Line.empty() || Line[0] == '#')
      continue;
    split(Line, '\t', F);
    if (F.size() < 2)
      return Fail("expected TAB-separated fields");
    if (F[0].size() > 1) { // a header line
      if (InRecords)
        return Fail("header line '" + std::string(F[0]) + "' after the first record");
      if (F[0] == "table")
        Info.name = F[1];
      else if (F[0] == "version")
        Info.version = F[1];
      else if (F[0] == "date")
        Info.date = F[1];
      else if (F[0] == "source")
        Info.source = F[1];
      else if (F[0] == "format" && F[1] != "1")
        return Fail("table format " + std::string(F[1]) + " is newer than this fnlint reads (1)");
      continue;
    }
    if (!InRecords) {
      InRecords = true;
      if (Info.name != TableName || Info.version.empty() || Info.date.empty())
        return Fail("missing header: table iam-actions, version and date come first");
    }
    char Kind = F[0][0];
    if (Kind == 'G' || Kind == 'K') {
      if (F.size() != 3 || F[1].empty())
        return Fail("a condition key line has KEY and TYPE");
      if (Kind == 'G') {
        GlobalKeys.push_back({F[1], F[2]});
      } else {
        if (!Svc)
          return Fail("condition key before any service");
        std::vector<std::string_view> One;
        KeyList(F[1], One);
        Svc->conditionKeys.push_back({One.at(0), F[2]});
      }
    } else if (Kind == 'S') {
      if (F.size() != 3 || F[1].empty())
        return Fail("a service line has PREFIX and NAME");
      Services.push_back({F[1], F[2], {}, {}, {}});
      Svc = &Services.back();
    } else if (Kind == 'R') {
      if (!Svc)
        return Fail("resource type before any service");
      if (F.size() < 3 || F.size() > 4 || F[1].empty())
        return Fail("a resource type line has NAME, ARNS and KEYS");
      IamResourceType R;
      R.name = F[1];
      split(F[2], ',', R.arnFormats);
      if (F.size() == 4)
        KeyList(F[3], R.conditionKeys);
      Svc->resourceTypes.push_back(std::move(R));
    } else if (Kind == 'A') {
      if (!Svc)
        return Fail("action before any service");
      if (F.size() < 3 || F[1].empty() || F[2].size() != 1)
        return Fail("an action line has NAME, LEVEL, RESOURCES and KEYS");
      IamAction A;
      A.name = F[1];
      switch (F[2][0]) {
      case 'L': A.level = IamAccessLevel::List; break;
      case 'R': A.level = IamAccessLevel::Read; break;
      case 'W': A.level = IamAccessLevel::Write; break;
      case 'T': A.level = IamAccessLevel::Tagging; break;
      case 'P': A.level = IamAccessLevel::PermissionsManagement; break;
      default: return Fail("unknown access level '" + std::string(F[2]) + "'");
      }
      if (F.size() > 3) {
        split(F[3], ',', List);
        A.resources.reserve(List.size());
        for (std::string_view R : List) {
          bool Required = !R.empty() && R.back() == '*';
          A.resources.push_back({Required ? R.substr(0, R.size() - 1) : R, Required, nullptr, {}});
        }
      }
      if (F.size() > 4)
        KeyList(F[4], A.conditionKeys);
      for (std::size_t I = 5; I < F.size(); ++I) {
        std::size_t Eq = F[I].find('=');
        auto It = std::find_if(A.resources.begin(), A.resources.end(),
                               [&](const IamActionResource &R) { return R.name == F[I].substr(0, Eq); });
        if (Eq == std::string_view::npos || It == A.resources.end())
          return Fail("per-resource keys '" + std::string(F[I]) + "' name no resource of the action");
        KeyList(F[I].substr(Eq + 1), It->conditionKeys);
      }
      Svc->actions.push_back(std::move(A));
      ++ActionCount;
    } else {
      return Fail("unknown record kind '" + std::string(F[0]) + "'");
    }
  }
  if (!InRecords)
    return Fail("no services");

  // Sort once, then link: from here on no vector grows, so pointers stay valid.
  auto ByName = [](const auto &A, const auto &B) { return lessNoCase(A.name, B.name); };
  std::sort(Services.begin(), Services.end(),
            [](const IamService &A, const IamService &B) { return lessNoCase(A.prefix, B.prefix); });
  for (std::size_t I = 1; I < Services.size(); ++I)
    if (compareNoCase(Services[I - 1].prefix, Services[I].prefix) == 0)
      return Fail("service '" + std::string(Services[I].prefix) + "' appears twice");
  for (IamService &S : Services) {
    std::sort(S.actions.begin(), S.actions.end(), ByName);
    std::sort(S.resourceTypes.begin(), S.resourceTypes.end(), ByName);
    for (std::size_t I = 1; I < S.actions.size(); ++I)
      if (compareNoCase(S.actions[I - 1].name, S.actions[I].name) == 0)
        return Fail("action '" + std::string(S.prefix) + ":" + std::string(S.actions[I].name) + "' appears twice");
    for (IamAction &A : S.actions) {
      A.service = &S;
      for (IamActionResource &R : A.resources)
        R.type = S.findResourceType(R.name);
    }
  }
  buildIndex();
  return true;
}

void IamDatabase::buildIndex() {
  std::size_t Bytes = 0;
  for (const IamService &S : Services) {
    Bytes += S.prefix.size();
    for (const IamAction &A : S.actions)
      Bytes += A.name.size();
  }
  LowerNames.reserve(Bytes); // never grows past this: the views stay valid
  auto Add = [&](std::string_view Part) {
    std::size_t Start = LowerNames.size();
    for (char C : Part)
      LowerNames += lower(C);
    return std::string_view(LowerNames).substr(Start);
  };
  LowerPrefixes.reserve(Services.size());
  FirstAction.reserve(Services.size());
  LowerActions.reserve(ActionCount);
  for (const IamService &S : Services) {
    LowerPrefixes.push_back(Add(S.prefix));
    FirstAction.push_back(LowerActions.size());
    for (const IamAction &A : S.actions)
      LowerActions.push_back(Add(A.name));
  }
}

namespace {

/// \p S in lower case in \p Buf; empty when it does not fit (no name is that long).
std::string_view lowerInto(std::string_view S, char (&Buf)[256]) {
  if (S.empty() || S.size() > sizeof(Buf))
    return {};
  for (std::size_t I = 0; I < S.size(); ++I)
    Buf[I] = lower(S[I]);
  return {Buf, S.size()};
}

} // namespace

std::size_t IamDatabase::serviceIndex(std::string_view Prefix) const {
  char Buf[256];
  std::string_view Lower = lowerInto(Prefix, Buf);
  auto It = std::lower_bound(LowerPrefixes.begin(), LowerPrefixes.end(), Lower);
  if (Lower.empty() || It == LowerPrefixes.end() || *It != Lower)
    return std::string_view::npos;
  return static_cast<std::size_t>(It - LowerPrefixes.begin());
}

const IamService *IamDatabase::findService(std::string_view Prefix) const {
  std::size_t I = serviceIndex(Prefix);
  return I == std::string_view::npos ? nullptr : &Services[I];
}

const IamAction *IamDatabase::findAction(std::string_view Action) const {
  std::size_t Colon = Action.find(':');
  if (Colon == std::string_view::npos)
    return nullptr;
  std::size_t S = serviceIndex(Action.substr(0, Colon));
  if (S == std::string_view::npos)
    return nullptr;
  char Buf[256];
  std::string_view Name = lowerInto(Action.substr(Colon + 1), Buf);
  auto Begin = LowerActions.begin() + static_cast<std::ptrdiff_t>(FirstAction[S]);
  auto End = Begin + static_cast<std::ptrdiff_t>(Services[S].actions.size());
  auto It = std::lower_bound(Begin, End, Name);
  if (Name.empty() || It == End || *It != Name)
    return nullptr;
  return &Services[S].actions[static_cast<std::size_t>(It - Begin)];
}

std::vector<const IamAction *> IamDatabase::expand(std::string_view Pattern) const {
  std::vector<const IamAction *> Out;
  if (Pattern == "*") { // the common case, without a match per action
    Out.reserve(ActionCount);
    for (const IamService &S : Services)
      for (const IamAction &A : S.actions)
        Out.push_back(&A);
    return Out;
  }
  forEachMatch(*this, Pattern, [&](const IamAction &A) {
    Out.push_back(&A);
    return true;
  });
  return Out;
}

bool IamDatabase::matchesAny(std::string_view Pattern) const {
  bool Found = false;
  forEachMatch(*this, Pattern, [&](const IamAction &) {
    Found = true;
    return false;
  });
  return Found;
}

const IamService *IamDatabase::suggestService(std::string_view Prefix) const {
  if (Prefix.empty() || std::any_of(Prefix.begin(), Prefix.end(), isWildcard))
    return nullptr;
  ClosestSpelling<const IamService *> Near(Prefix);
  for (const IamService &S : Services)
    Near.offer(S.prefix, &S);
  return Near.best();
}

std::string IamDatabase::suggestAction(std::string_view Action) const {
  std::size_t Colon = Action.find(':');
  if (Colon == std::string_view::npos)
    return {};
  std::string_view Prefix = Action.substr(0, Colon), Name = Action.substr(Colon + 1);
  const IamService *S = findService(Prefix);
  if (!S && !(S = suggestService(Prefix)))
    return {};
  if (const IamAction *A = S->findAction(Name))
    return A->qualifiedName();
  if (Name.empty() || std::any_of(Name.begin(), Name.end(), isWildcard))
    return {};
  ClosestSpelling<const IamAction *> Near(Name);
  for (const IamAction &A : S->actions)
    Near.offer(A.name, &A);
  return Near.best() ? Near.best()->qualifiedName() : std::string();
}

const IamConditionKey *IamDatabase::findConditionKey(std::string_view Key) const {
  for (const IamConditionKey &K : GlobalKeys)
    if (keyMatches(K.key, Key))
      return &K;
  std::size_t Colon = Key.find(':');
  if (Colon == std::string_view::npos)
    return nullptr;
  if (const IamService *S = findService(Key.substr(0, Colon)))
    for (const IamConditionKey &K : S->conditionKeys)
      if (keyMatches(K.key, Key))
        return &K;
  // Some services list keys of another prefix: sts those of the identity
  // providers (accounts.google.com:aud, saml:sub), and iam:ResourceTag/${TagKey}.
  for (const IamService &S : Services)
    for (const IamConditionKey &K : S.conditionKeys)
      if (!(startsWithNoCase(K.key, S.prefix) && K.key.size() > S.prefix.size() && K.key[S.prefix.size()] == ':') &&
          keyMatches(K.key, Key))
        return &K;
  return nullptr;
}

namespace {

/// "aws:RequestTag/" of "aws:RequestTag/${TagKey}" and of "aws:RequestTag/team":
/// the part a typo can be in when the rest is the user's own tag name.
std::string_view keyHead(std::string_view Key) {
  std::size_t Slash = Key.find('/');
  return Slash == std::string_view::npos ? Key : Key.substr(0, Slash + 1);
}

} // namespace

std::string IamDatabase::suggestConditionKey(std::string_view Key) const {
  std::size_t Colon = Key.find(':');
  if (Colon == std::string_view::npos || Key.find_first_of("*?") != std::string_view::npos)
    return {};
  std::string_view Head = keyHead(Key);
  bool Templated = Head.size() < Key.size();
  ClosestSpelling<const IamConditionKey *> Near(Head);
  auto Offer = [&](const IamConditionKey &K) {
    std::string_view Candidate = keyHead(K.key);
    if ((Candidate.size() < K.key.size()) == Templated)
      Near.offer(Candidate, &K);
  };
  for (const IamConditionKey &K : GlobalKeys)
    Offer(K);
  const IamService *S = findService(Key.substr(0, Colon));
  if (S || (S = suggestService(Key.substr(0, Colon))))
    for (const IamConditionKey &K : S->conditionKeys)
      Offer(K);
  if (!Near.best())
    return {};
  if (!Templated)
    return std::string(Near.best()->key);
  return std::string(keyHead(Near.best()->key)) + std::string(Key.substr(Head.size()));
}

namespace {

/// The database `--iam-data` loaded, if any. Databases are never freed: a
/// reference handed out by iamDatabase() stays valid for the process.
struct ActiveDatabase {
  std::mutex Lock;
  std::vector<std::unique_ptr<IamDatabase>> Loaded;
  std::atomic<const IamDatabase *> Current{nullptr};
};

ActiveDatabase &active() {
  static ActiveDatabase A;
  return A;
}

} // namespace

bool setIamDataDirectory(std::string_view Path, std::string &Error) {
  std::unique_ptr<IamDatabase> Db = IamDatabase::load(Path, Error);
  if (!Db)
    return false;
  ActiveDatabase &A = active();
  std::lock_guard<std::mutex> G(A.Lock);
  A.Loaded.push_back(std::move(Db));
  A.Current.store(A.Loaded.back().get(), std::memory_order_release);
  return true;
}

const IamDatabase &iamDatabase() {
  if (const IamDatabase *Db = active().Current.load(std::memory_order_acquire))
    return *Db;
  return IamDatabase::embedded();
}

IamDataInfo iamDataInfo() {
  if (const IamDatabase *Db = active().Current.load(std::memory_order_acquire))
    return Db->info();
  // The catalogue holds the embedded table's header: no need to parse 1.7 MB.
  if (const DataTableInfo *T = findDataTable(TableName))
    return {std::string(T->name), std::string(T->version), std::string(T->date), std::string(T->source)};
  return IamDatabase::embedded().info();
}

std::vector<DataTableInfo> dataTablesInUse() {
  std::span<const DataTableInfo> Built = dataTables();
  std::vector<DataTableInfo> Out(Built.begin(), Built.end());
  const IamDatabase *Db = active().Current.load(std::memory_order_acquire);
  if (!Db)
    return Out;
  // A loaded database lives as long as the process: its strings can be viewed.
  const IamDataInfo &I = Db->info();
  for (DataTableInfo &T : Out)
    if (T.name == TableName)
      T = {TableName, I.version, I.date, I.source, {}};
  return Out;
}

} // namespace fnlint
