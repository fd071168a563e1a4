//===- DeprecatedRuntime.cpp - lambda/deprecated-runtime --------------------===//
//
// Judged against the dated table rules/data/runtime-lifecycle.yaml: an
// error once Lambda blocks creating or updating functions on the runtime, a
// warning once it is deprecated, a note in the 180 days before. "Today" is
// --now when given, so results are reproducible.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>

namespace fnlint::lambda {
namespace {

constexpr int NoticeDays = 180;

struct Lifecycle {
  std::string deprecated, blockCreate, blockUpdate, successor;
};

const std::map<std::string, Lifecycle, std::less<>> &lifecycles() {
  static const std::map<std::string, Lifecycle, std::less<>> Table = [] {
    std::map<std::string, Lifecycle, std::less<>> T;
    auto J = nlohmann::json::parse(findDataTable("runtime-lifecycle")->json);
    for (const auto &V : J.at("values"))
      T[V.at("runtime").get<std::string>()] = {V.value("deprecated", ""), V.value("block-create", ""),
                                               V.value("block-update", ""), V.value("successor", "")};
    return T;
  }();
  return Table;
}

/// Days since 1970-01-01 of "YYYY-MM-DD"; nullopt when malformed.
std::optional<int> days(std::string_view Date) {
  int Y = 0;
  unsigned M = 0, D = 0;
  if (Date.size() != 10 || std::sscanf(std::string(Date).c_str(), "%4d-%2u-%2u", &Y, &M, &D) != 3)
    return std::nullopt;
  std::chrono::year_month_day YMD{std::chrono::year{Y}, std::chrono::month{M}, std::chrono::day{D}};
  if (!YMD.ok())
    return std::nullopt;
  return std::chrono::sys_days(YMD).time_since_epoch().count();
}

std::string today(const LambdaOptions &O) {
  if (!O.now.empty())
    return O.now;
  auto Now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day YMD{Now};
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "%04d-%02u-%02u", static_cast<int>(YMD.year()), static_cast<unsigned>(YMD.month()),
                static_cast<unsigned>(YMD.day()));
  return Buf;
}

class DeprecatedRuntime final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/deprecated-runtime"; }

  void check(const Deployable &F, const LambdaContext &Ctx, FindingSink &Out) const override {
    const Setting<std::string> &R = F.config.runtime;
    if (!R.known())
      return;
    auto It = lifecycles().find(R.value);
    if (It == lifecycles().end())
      return;
    const Lifecycle &L = It->second;
    std::string Now = today(Ctx.options);
    std::optional<int> NowDays = days(Now), Deprecated = days(L.deprecated);
    if (!NowDays || !Deprecated)
      return;
    std::string Move = L.successor.empty() ? "" : "; move to " + L.successor;
    std::string Name = functionName(F) + " uses " + R.value + resolvedNote(R);
    Level Lvl;
    std::string Message;
    auto Passed = [&](const std::string &Date) { return !Date.empty() && Date <= Now; };
    if (Passed(L.blockUpdate)) {
      Lvl = Level::Error;
      Message = Name + ", deprecated since " + L.deprecated + "; since " + L.blockUpdate +
                " Lambda refuses to create or update functions on it" + Move;
    } else if (Passed(L.blockCreate)) {
      Lvl = Level::Error;
      Message = Name + ", deprecated since " + L.deprecated + "; since " + L.blockCreate +
                " new functions cannot use it" + (L.blockUpdate.empty() ? "" : ", and updates fail from " + L.blockUpdate) +
                Move;
    } else if (*NowDays >= *Deprecated) {
      Lvl = Level::Warning;
      Message = Name + ", deprecated since " + L.deprecated + ": it gets no more security patches" +
                (L.blockCreate.empty() ? "" : "; creating functions on it fails from " + L.blockCreate) + Move;
    } else if (*Deprecated - *NowDays <= NoticeDays) {
      Lvl = Level::Note;
      Message = Name + ", deprecated on " + L.deprecated + " (in " + std::to_string(*Deprecated - *NowDays) +
                " days)" + Move;
    } else {
      return;
    }
    Finding &Fd = Out.report(ruleId(), Message + " (runtime table of " +
                                           std::string(findDataTable("runtime-lifecycle")->date) + ")",
                             R.location);
    Fd.level = Lvl;
    Fd.properties["runtime"] = R.value;
    Fd.properties["deprecated"] = L.deprecated;
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeDeprecatedRuntime() { return std::make_unique<DeprecatedRuntime>(); }
} // namespace fnlint::lambda
