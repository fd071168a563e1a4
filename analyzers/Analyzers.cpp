#include "analyzers/Analyzers.h"

#include "analyzers/handler/node/NodeCheck.h"
#include "analyzers/handler/python/PythonCheck.h"
#include "analyzers/iam/IamCheck.h"
#include "analyzers/permissions/Permissions.h"
#include "analyzers/secrets/SecretsAnalyzer.h"
#include "core/ThreadPool.h"

#include <algorithm>

namespace fnlint {

Analysis analyzeProject(const Project &P, const AnalysisOptions &Options) {
  Analysis Out;
  auto Checks = package::makePackageChecks();
  package::CheckContext Ctx{P, package::LambdaLimits::get(), Options.package};

  std::vector<FindingSink> Sinks(P.packages.size());
  parallelFor(P.packages.size(), Options.jobs, [&](std::size_t I) {
    const Package &Pkg = *P.packages[I];
    for (const auto &Check : Checks)
      if (Check->appliesTo(Pkg))
        Check->check(Pkg, Ctx, Sinks[I]);
  });
  for (FindingSink &S : Sinks)
    for (Finding &F : S.findings())
      Out.findings.push_back(std::move(F));

  secrets::analyzeSecrets(P, Options.jobs, Options.secrets, Out.findings, Out.problems);

  lambda::analyzeFunctions(P, Options.lambda, Out.findings);
  iam::analyzePolicies(P, Options.jobs, Out.findings);
  python::analyzePythonHandlers(P, Options.lambda.enabled, Out.findings, &Out.inventories, &Out.problems);
  node::analyzeNodeHandlers(P, Options.lambda.enabled, Out.findings, Out.inventories, &Out.problems);

  FindingSink Functions;
  for (const auto &Check : Checks)
    Check->checkFunctions(Ctx, Functions);
  for (Finding &F : Functions.findings())
    Out.findings.push_back(std::move(F));

  // C/C++ handlers: only now, and only if there are any, is LibTooling started.
  if (!P.cppSources.empty()) {
    // The helper parses every source in one process: limits.file-seconds
    // for each, and one more for starting up.
    cpp::CppOptions CppOptions = Options.cpp;
    CppOptions.timeoutSeconds = static_cast<unsigned>(
        std::min<std::uint64_t>(P.limits.maxFileSeconds * (P.cppSources.size() + 1), 24u * 3600));
    cpp::CppAnalysis Cpp = cpp::analyzeSources(P.root, P.cppSources, CppOptions);
    for (Finding &F : Cpp.findings)
      Out.findings.push_back(std::move(F));
    for (InputProblem &Pr : Cpp.problems)
      Out.problems.push_back(std::move(Pr));
    Out.cppHandlers = std::move(Cpp.handlers);
    for (permissions::CallInventory &Inv : Cpp.inventories)
      Out.inventories.push_back(std::move(Inv));
  }

  // Least privilege: after every language analyzer has listed its handlers' AWS calls.
  permissions::analyzePermissions(P, Out.inventories, Out.findings);
  return Out;
}

} // namespace fnlint
