//===- VpcSingleSubnet.cpp - lambda/vpc-single-subnet -----------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class VpcSingleSubnet final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/vpc-single-subnet"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    const Setting<std::int64_t> &S = F.config.subnetCount;
    if (S.known() && S.value == 1)
      Out.report(ruleId(),
                 functionName(F) + " runs in a VPC with one subnet" + resolvedNote(S) +
                     ", so in one Availability Zone: when that zone fails, so does the function",
                 S.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeVpcSingleSubnet() { return std::make_unique<VpcSingleSubnet>(); }
} // namespace fnlint::lambda
