//===- EnvironmentVariable.cpp - secret/in-environment-variable -------------===//
//
// A plaintext secret in a function's environment, in any configuration
// format: anyone with lambda:GetFunctionConfiguration reads it, and it sits
// in the template, the plan and the console. Judged by value (a token format,
// a key) and by name (DB_PASSWORD with a real-looking value). References are
// not secrets: CloudFormation dynamic references, Serverless ${ssm:...},
// ARNs and names of secrets, values computed by intrinsics.
//
//===----------------------------------------------------------------------===//
#include "analyzers/secrets/SecretEngine.h"
#include "analyzers/secrets/SecretsAnalyzer.h"
#include "core/Sha256.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace fnlint::secrets {

namespace {

bool isReference(std::string_view V) {
  for (std::string_view R : {"{{resolve:", "${ssm:", "${ssm-secure:", "${secretsmanager:", "${aws:reference",
                             "${self:", "${env:", "${file(", "${cf:", "arn:aws:secretsmanager:", "arn:aws:ssm:",
                             "arn:aws:kms:", "/aws/reference/secretsmanager/"})
    if (V.find(R) != std::string_view::npos)
      return true;
  return false;
}

} // namespace

void checkEnvironment(const Project &P, FindingSink &Out) {
  const SecretEngine &Engine = SecretEngine::get();
  // SAM Globals and serverless provider variables appear in every function
  // that inherits them, from one place in the file: one finding there.
  // Keyed by the exact place (line and column; the name where the column is
  // unknown), not the line: a Terraform plan holds every variable of every
  // function on its one line.
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>> Reported;
  for (const Deployable &D : P.deployables) {
    for (const EnvironmentVariable &V : D.environmentVariables) {
      // A parameter's Default is what the function gets unless the deployer
      // overrides it; NoEcho parameters are meant to carry secrets.
      bool FromDefault = !V.literal && !V.reference.empty() && !V.noEcho && V.parameterDefault;
      const std::string &Value = FromDefault ? *V.parameterDefault : V.value;
      if (FromDefault && V.parameterType.rfind("AWS::SSM::Parameter::Value", 0) == 0)
        continue; // the Default names an SSM parameter
      if ((!V.literal && !FromDefault) || Value.empty() || isReference(Value))
        continue;
      // By value: a token format or key, whatever the variable is called.
      Content C;
      C.path = D.location.path;
      C.text = Value;
      std::vector<Hit> Hits = Engine.scan(C);
      std::string Why;
      std::string_view Secret;
      for (const Hit &H : Hits)
        if (H.ruleId != "secret/generic-high-entropy") {
          Why = H.message;
          Secret = std::string_view(Value).substr(H.begin, H.end - H.begin);
          break;
        }
      if (Why.empty() && isSecretVariableName(V.name) && looksLikeSecretValue(Value)) {
        Why = "plaintext value " + redact(Value);
        Secret = Value;
      }
      if (Why.empty())
        continue;
      const Location &Where = FromDefault ? V.parameterLocation : V.location;
      if (!Reported.insert({Where.displayPath(), Where.region.startLine, Where.region.startColumn,
                         Where.region.startColumn ? std::string() : V.name})
               .second)
        continue;
      std::string Subject = D.logicalId + ": environment variable " + V.name;
      if (FromDefault)
        Subject += " takes parameter " + V.reference + ", whose Default";
      Finding &F = Out.report("secret/in-environment-variable",
                              Subject + " holds a secret (" + Why +
                                  "); store it in Secrets Manager or SSM and pass a reference" +
                                  (FromDefault ? " (or make the parameter NoEcho with no Default)" : ""),
                              Where);
      std::string Hash = sha256Hex(Secret);
      F.fingerprintKey = "sha256:" + Hash + ":" + V.name;
      F.properties = {{"function", D.logicalId}, {"variable", V.name}, {"secretSha256", Hash}};
    }
  }
}

} // namespace fnlint::secrets
