//===- tests/e2e/GithubActionTest.cpp - action.yml does what it says ---------===//
//
// The composite action's scan step, run as GitHub would run it (inputs at
// their defaults, action_path the source tree, GITHUB_OUTPUT a file) over the
// example app: it writes SARIF and annotations, records fnlint's exit code as
// an output and does not fail itself. The workflow's other steps are GitHub's.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

std::string replaceAll(std::string S, const std::string &From, const std::string &To) {
  for (std::size_t At = S.find(From); At != std::string::npos; At = S.find(From, At + To.size()))
    S.replace(At, From.size(), To);
  return S;
}

TEST(GithubAction, ScanStepWritesSarifAndAnnotationsAndRecordsTheExitCode) {
  YAML::Node Action = YAML::LoadFile(FNLINT_SOURCE_DIR "/action.yml");
  ASSERT_EQ(Action["runs"]["using"].as<std::string>(), "composite");
  std::string Script;
  for (const auto &Step : Action["runs"]["steps"])
    if (Step["id"] && Step["id"].as<std::string>() == "scan")
      Script = Step["run"].as<std::string>();
  ASSERT_FALSE(Script.empty());
  for (const auto &Input : Action["inputs"])
    Script = replaceAll(Script, "${{ inputs." + Input.first.as<std::string>() + " }}",
                        Input.second["default"].as<std::string>());
  Script = replaceAll(Script, "${{ github.action_path }}", FNLINT_BINARY_DIR "/..");
  Script = replaceAll(Script, FNLINT_BINARY_DIR "/../build/cli/fnlint", FNLINT_BINARY_DIR "/cli/fnlint");
  ASSERT_EQ(Script.find("${{"), std::string::npos) << Script;

  TempDir Repo;
  fs::copy(FNLINT_SOURCE_DIR "/examples", Repo.path() + "/examples", fs::copy_options::recursive);
  std::string Output = Repo.path() + "/github-output";
  ProcessResult R = run({"/bin/bash", "-e", "-c", Script}, Repo.path(), {"GITHUB_OUTPUT=" + Output});
  EXPECT_EQ(R.exitCode, 0) << "the scan step never fails itself:\n" << R.err;
  EXPECT_EQ(readFile(Output), "exit-code=1\n") << "the example app has an error";
  auto Sarif = nlohmann::json::parse(readFile(Repo.path() + "/fnlint.sarif"));
  EXPECT_FALSE(Sarif["runs"][0]["results"].empty());
  EXPECT_NE(R.out.find("::error file=examples/sam-app/template.yaml,line=47"), std::string::npos) << R.out;
  for (const auto &Res : Sarif["runs"][0]["results"])
    EXPECT_EQ(Res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().rfind("examples/", 0),
              0u)
        << "paths relative to the repository root";
}

} // namespace
