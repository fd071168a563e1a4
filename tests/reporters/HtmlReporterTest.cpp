//===- tests/reporters/HtmlReporterTest.cpp - --format html -----------------===//
//
// The page on its own: hostile names stay text, findings are grouped by
// function and rule with the rule's help, the folder data is embedded, and
// the bytes do not change between runs. tests/e2e/HtmlReportTest.cpp loads
// real reports in Chromium.
//
//===----------------------------------------------------------------------===//
#include "reporters/HtmlReport.h"
#include "reporters/Reporters.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace fnlint;

namespace {

const char *const Hostile = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";

Finding finding(std::string Rule, Level L, std::string Path, std::vector<std::string> Members, std::string Message,
                std::string Logical = "") {
  Finding F;
  F.ruleId = std::move(Rule);
  F.level = L;
  F.location.path = std::move(Path);
  F.location.members = std::move(Members);
  F.location.region = Region::line(3);
  F.location.logical.name = std::move(Logical);
  F.message = std::move(Message);
  return F;
}

ScanReport sampleReport() {
  ScanReport R;
  Inventory::FunctionInfo Orders;
  Orders.logicalId = "OrdersFunction";
  Orders.kind = "function";
  Orders.location.path = "app/template.yaml";
  Orders.package = "app/dist/orders.zip";
  Orders.layers = {"DepsLayer", "MissingLayer"};
  Inventory::FunctionInfo Deps = Orders;
  Deps.logicalId = "DepsLayer";
  Deps.kind = "layer";
  Deps.package = "app/layers/deps";
  Deps.layers.clear();
  R.inventory.functions = {Orders, Deps};

  Inventory::PackageInfo Zip;
  Zip.location.path = "app/dist/orders.zip";
  Zip.kind = "zip";
  Zip.role = "deployed";
  Zip.unpackedBytes = 3000;
  Zip.deployedBy = {"OrdersFunction"};
  Zip.folders = {{"", 3000, 0, 2}, {std::string("node_modules/") + Hostile, 2000, 2000, 1}};
  Inventory::PackageInfo Layer;
  Layer.location.path = "app/layers/deps";
  Layer.kind = "folder";
  Layer.role = "deployed";
  Layer.unpackedBytes = 1000;
  Layer.deployedBy = {"DepsLayer"};
  Layer.folders = {{"", 1000, 1000, 1}};
  R.inventory.packages = {Zip, Layer};

  R.findings = {
      finding("package/dev-artifacts", Level::Note, "app/dist/orders.zip", {}, "ships tests"),
      finding("secret/in-environment-variable", Level::Error, "app/dist/orders.zip",
              {std::string("lib/") + Hostile + ".js"}, std::string("secret in ") + Hostile),
      finding("lambda/deprecated-runtime", Level::Warning, "app/template.yaml", {}, "old runtime", "OrdersFunction"),
      finding("package/dev-artifacts", Level::Note, "app/layers/deps/test/a.py", {}, "ships tests in the layer"),
      finding("iam/data-exfiltration", Level::Warning, "other/template.yaml", {}, "role reads everything"),
  };
  R.problems.push_back({Level::Warning, {std::string("bad/") + Hostile, {}, {}, {}}, "cannot parse"});
  R.suppressed.push_back(finding("package/dev-artifacts", Level::Note, "x.zip", {}, "quiet"));
  return R;
}

std::string render(const ScanReport &R, const HtmlOptions &O = {}) {
  std::ostringstream OS;
  writeHtml(R, OS, O);
  return OS.str();
}

std::size_t count(const std::string &Text, const std::string &Needle) {
  std::size_t N = 0;
  for (std::size_t At = Text.find(Needle); At != std::string::npos; At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

TEST(HtmlReporter, EscapesText) {
  EXPECT_EQ(html::escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html::escape("tab\there\x1b[31m"), "tab\\x09here\\x1b[31m");
  EXPECT_EQ(html::escape("caf\xc3\xa9 \xff\xc0\xaf \xf0\x9f\x99\x82"), "caf\xc3\xa9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xf0\x9f\x99\x82");
  EXPECT_EQ(html::escapeScriptJson(R"({"a":"</script><!--&"})"), R"({"a":"\u003c/script\u003e\u003c!--\u0026"})");
}

TEST(HtmlReporter, HostileNamesNeverBecomeMarkup) {
  std::string Page = render(sampleReport());
  EXPECT_EQ(Page.find("<script>document"), std::string::npos);
  EXPECT_EQ(Page.find("<img"), std::string::npos);
  EXPECT_NE(Page.find("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"), std::string::npos);
  // Two script elements: the treemap data and the page's own script.
  EXPECT_EQ(count(Page, "<script"), 2u);
  EXPECT_EQ(count(Page, "</script>"), 2u);
  EXPECT_NE(Page.find("\\u003cscript\\u003edocument"), std::string::npos); // in the JSON data
  EXPECT_NE(Page.find("script-src 'sha256-"), std::string::npos);
  EXPECT_EQ(Page.find("http://"), std::string::npos) << "no external references";
  EXPECT_EQ(Page.find("https://"), std::string::npos) << "no external references";
}

TEST(HtmlReporter, GroupsFindingsByFunction) {
  ScanReport R = sampleReport();
  auto Groups = html::groupByFunction(R);
  ASSERT_EQ(Groups.size(), 3u);
  EXPECT_EQ(Groups[0].function->logicalId, "OrdersFunction");
  ASSERT_EQ(Groups[0].findings.size(), 3u); // the zip, a member of it, its template resource
  EXPECT_EQ(Groups[0].findings[1]->ruleId, "secret/in-environment-variable");
  EXPECT_EQ(Groups[1].function->logicalId, "DepsLayer");
  ASSERT_EQ(Groups[1].findings.size(), 1u);
  EXPECT_EQ(Groups[1].findings[0]->message, "ships tests in the layer");
  EXPECT_EQ(Groups[2].function, nullptr);
  ASSERT_EQ(Groups[2].findings.size(), 1u);
  EXPECT_EQ(Groups[2].findings[0]->ruleId, "iam/data-exfiltration");
}

TEST(HtmlReporter, ListsRulesWithTitleLevelAndHelp) {
  std::string Page = render(sampleReport());
  // Most severe rule first, with its title and rendered help.
  std::size_t Secret = Page.find("<article class=\"rule-group\" id=\"rule-secret/in-environment-variable\">");
  std::size_t Dev = Page.find("<article class=\"rule-group\" id=\"rule-package/dev-artifacts\">");
  ASSERT_NE(Secret, std::string::npos);
  ASSERT_NE(Dev, std::string::npos);
  EXPECT_LT(Secret, Dev);
  EXPECT_NE(Page.find("Package ships files the function never loads"), std::string::npos);
  EXPECT_NE(Page.find("<h4>Why</h4>"), std::string::npos);
  EXPECT_NE(Page.find("<code>node_modules</code>"), std::string::npos);
  EXPECT_NE(Page.find("<span class=\"level error\">error</span>"), std::string::npos);
  EXPECT_NE(Page.find("href=\"#rule-package/dev-artifacts\""), std::string::npos);
  EXPECT_NE(Page.find("app/dist/orders.zip!/lib/&lt;script&gt;"), std::string::npos);
}

TEST(HtmlReporter, CountsSizesProblemsAndSuppressed) {
  ScanReport R = sampleReport();
  std::string Page = render(R);
  EXPECT_NE(Page.find("<li class=\"count error\"><b>1</b> error</li>"), std::string::npos);
  EXPECT_NE(Page.find("<li class=\"count suppressed\"><b>1</b> suppressed</li>"), std::string::npos);
  EXPECT_NE(Page.find("cannot parse"), std::string::npos);
  EXPECT_NE(Page.find("layer DepsLayer: app/layers/deps"), std::string::npos);
  EXPECT_NE(Page.find("1 layer(s) fnlint cannot see"), std::string::npos);
  EXPECT_NE(Page.find("DepsLayer (layer)"), std::string::npos);
  EXPECT_NE(Page.find("data-package=\"1\""), std::string::npos);
  EXPECT_NE(Page.find("\"limit\":262144000"), std::string::npos);
  EXPECT_EQ(Page.find(">quiet<"), std::string::npos);
  HtmlOptions Show;
  Show.showSuppressed = true;
  EXPECT_NE(render(R, Show).find(">quiet<"), std::string::npos);
}

TEST(HtmlReporter, SameReportSameBytes) {
  EXPECT_EQ(render(sampleReport()), render(sampleReport()));
  ScanReport Empty;
  std::string Page = render(Empty);
  EXPECT_NE(Page.find("No findings."), std::string::npos);
  EXPECT_NE(Page.find("No packages found."), std::string::npos);
}

TEST(HtmlReporter, MarkdownSubset) {
  EXPECT_EQ(html::markdownToHtml("## Why\nA `<b>` and\nmore `x\ny`.\n\n- one\n  two\n- three\n\n```yaml\na: <b>\n```\n"),
            "<h4>Why</h4>\n<p>A <code>&lt;b&gt;</code> and more <code>x y</code>.</p>\n<ul>\n<li>one two</li>\n"
            "<li>three</li>\n</ul>\n<pre><code>a: &lt;b&gt;\n</code></pre>\n");
}

} // namespace
