//===- tests/e2e/HtmlReportTest.cpp - The HTML report in a real browser -----===//
//
// Writes the HTML report through the real binary and loads it in headless
// Chromium (Debian `chromium`): the page's script must run without errors
// and draw the treemaps (it sets data-fnlint-status="ok N" on <body>, N the
// rectangles drawn, or "error: ..." from window.onerror), the findings must
// be listed, hostile archive entry names must not run as script, and a
// screenshot must show more than a blank page. Skipped when Chromium is
// missing and the tests do not run as root (as root, scripts/ensure-deps.sh
// --test installs it, so a missing browser is a failure).
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <zlib.h>

#include <filesystem>
#include <regex>
#include <set>
#include <unistd.h>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

/// The absolute path of the first of \p Names on PATH, or "".
std::string findProgram(std::initializer_list<const char *> Names) {
  for (const char *Name : Names) {
    ProcessResult R = run({"/bin/sh", "-c", std::string("command -v ") + Name});
    if (R.exitCode == 0 && !R.out.empty() && R.out.front() == '/')
      return R.out.substr(0, R.out.find('\n'));
  }
  return "";
}

/// Runs Chromium headless on \p Page with \p Extra flags, bounded in time,
/// with a throwaway profile.
ProcessResult chromium(const std::string &Exe, const std::string &Page, const std::vector<std::string> &Extra) {
  TempDir Profile;
  std::vector<std::string> Argv = {findProgram({"timeout"}), "-k", "10", "120", Exe, "--headless=new", "--no-sandbox",
                                   "--disable-gpu", "--no-first-run", "--user-data-dir=" + Profile.path(),
                                   "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"};
  Argv.insert(Argv.end(), Extra.begin(), Extra.end());
  Argv.push_back("file://" + Page);
  return run(Argv, "", {"HOME=" + Profile.path()});
}

/// Console messages the page produced (Chromium logs them as "CONSOLE").
std::string consoleLines(const std::string &Log) {
  std::string Out;
  std::size_t Start = 0;
  while (Start < Log.size()) {
    std::size_t End = std::min(Log.find('\n', Start), Log.size());
    std::string Line = Log.substr(Start, End - Start);
    if (Line.find("CONSOLE") != std::string::npos)
      Out += Line + "\n";
    Start = End + 1;
  }
  return Out;
}

/// The number of treemap rectangles the script reported drawing, or -1.
int renderedNodes(const std::string &Dom) {
  std::smatch M;
  if (!std::regex_search(Dom, M, std::regex("data-fnlint-status=\"ok ([0-9]+)\"")))
    return -1;
  return std::stoi(M[1].str());
}

std::size_t count(const std::string &Text, const std::string &Needle) {
  std::size_t N = 0;
  for (std::size_t At = Text.find(Needle); At != std::string::npos; At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

/// An 8-bit RGB(A), non-interlaced PNG as Chromium writes screenshots,
/// decoded to RGB rows; empty when it is anything else.
struct Image {
  std::uint32_t width = 0, height = 0;
  std::vector<unsigned char> rgb; ///< 3 bytes a pixel, row after row
};

Image decodePng(const std::string &Png) {
  auto Be32 = [&](std::size_t At) {
    return (std::uint32_t(static_cast<unsigned char>(Png[At])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(Png[At + 1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(Png[At + 2])) << 8) | static_cast<unsigned char>(Png[At + 3]);
  };
  Image Img;
  if (Png.size() < 33 || Png.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0)
    return {};
  std::string Data;
  unsigned Channels = 0;
  for (std::size_t At = 8; At + 12 <= Png.size();) {
    std::uint32_t Length = Be32(At);
    std::string Type = Png.substr(At + 4, 4);
    if (At + 12 + Length > Png.size())
      return {};
    if (Type == "IHDR") {
      Img.width = Be32(At + 8);
      Img.height = Be32(At + 12);
      unsigned char Depth = Png[At + 16], Colour = Png[At + 17], Interlace = Png[At + 20];
      if (Depth != 8 || (Colour != 2 && Colour != 6) || Interlace != 0)
        return {};
      Channels = Colour == 2 ? 3 : 4;
    } else if (Type == "IDAT") {
      Data += Png.substr(At + 8, Length);
    }
    At += 12 + Length;
  }
  std::size_t Stride = std::size_t(Img.width) * Channels;
  std::vector<unsigned char> Raw((Stride + 1) * Img.height);
  uLongf RawSize = Raw.size();
  if (!Channels || uncompress(Raw.data(), &RawSize, reinterpret_cast<const Bytef *>(Data.data()), Data.size()) != Z_OK ||
      RawSize != Raw.size())
    return {};
  // Undo the per-row filters (PNG spec 9.2), then drop alpha.
  std::vector<unsigned char> Prev(Stride, 0), Row(Stride);
  Img.rgb.reserve(std::size_t(Img.width) * Img.height * 3);
  for (std::uint32_t Y = 0; Y < Img.height; ++Y) {
    const unsigned char *In = &Raw[Y * (Stride + 1)];
    for (std::size_t X = 0; X < Stride; ++X) {
      int A = X >= Channels ? Row[X - Channels] : 0, B = Prev[X], C = X >= Channels ? Prev[X - Channels] : 0;
      int P = A + B - C, Pa = std::abs(P - A), Pb = std::abs(P - B), Pc = std::abs(P - C);
      int Predict[] = {0, A, B, (A + B) / 2, Pa <= Pb && Pa <= Pc ? A : Pb <= Pc ? B : C};
      if (In[0] > 4)
        return {};
      Row[X] = static_cast<unsigned char>(In[1 + X] + Predict[In[0]]);
    }
    for (std::size_t X = 0; X < Stride; X += Channels)
      Img.rgb.insert(Img.rgb.end(), Row.begin() + X, Row.begin() + X + 3);
    Prev = Row;
  }
  return Img;
}

class HtmlReport : public ::testing::Test {
protected:
  void SetUp() override {
    Exe = findProgram({"chromium", "chromium-browser"});
    if (Exe.empty()) {
      if (::geteuid() != 0)
        GTEST_SKIP() << "chromium is not installed (scripts/ensure-deps.sh --test as root installs it)";
      FAIL() << "chromium is not installed; scripts/ensure-deps.sh --test installs it";
    }
  }
  std::string Exe;
};

TEST_F(HtmlReport, ExampleAppRendersInChromium) {
  TempDir Out;
  std::string Page = Out.path() + "/report.html";
  ProcessResult Scan = runFnlint({"scan", "examples", "--format", "html:" + Page});
  ASSERT_EQ(Scan.exitCode, 1) << Scan.err;

  ProcessResult Dom = chromium(Exe, Page, {"--dump-dom"});
  ASSERT_EQ(Dom.exitCode, 0) << Dom.err;
  EXPECT_EQ(consoleLines(Dom.err), "");
  int Nodes = renderedNodes(Dom.out);
  EXPECT_GT(Nodes, 2) << Dom.out.substr(0, 2000);
  EXPECT_EQ(count(Dom.out, "class=\"tm-node"), static_cast<std::size_t>(std::max(Nodes, 0)));
  // Both packages have a treemap; the zip's node_modules is one of its folders.
  EXPECT_NE(Dom.out.find("node_modules"), std::string::npos);
  // The findings, by function and by rule.
  EXPECT_NE(Dom.out.find("<b>OrdersFunction</b>"), std::string::npos);
  EXPECT_NE(Dom.out.find("id=\"rule-secret/in-environment-variable\""), std::string::npos);
  EXPECT_GE(count(Dom.out, "<li class=\"finding\">"), 9u);

  // Tall enough for the first package's treemap below the findings.
  std::string Shot = Out.path() + "/report.png";
  ProcessResult Capture = chromium(Exe, Page, {"--screenshot=" + Shot, "--window-size=1280,2400", "--hide-scrollbars"});
  ASSERT_EQ(Capture.exitCode, 0) << Capture.err;
  EXPECT_EQ(consoleLines(Capture.err), "");
  ASSERT_TRUE(fs::exists(Shot)) << Capture.err;
  Image Img = decodePng(readFile(Shot));
  ASSERT_EQ(Img.width, 1280u);
  ASSERT_EQ(Img.height, 2400u);
  // Not one colour: text, level badges, bars and treemap rectangles.
  std::set<std::uint32_t> Colours;
  std::size_t Treemap = 0;
  for (std::size_t I = 0; I + 2 < Img.rgb.size(); I += 3) {
    int R = Img.rgb[I], G = Img.rgb[I + 1], B = Img.rgb[I + 2];
    Colours.insert(std::uint32_t(R) << 16 | G << 8 | B);
    // report.js colours the first folder of a treemap hsl(205, 48%, 72%),
    // rgb(149, 189, 218): node_modules of examples/sam-app/dist/orders.zip.
    Treemap += std::abs(R - 149) <= 3 && std::abs(G - 189) <= 3 && std::abs(B - 218) <= 3;
  }
  EXPECT_GT(Colours.size(), 50u);
  EXPECT_GT(Treemap, 20000u) << "the treemap's largest folder is not on the screenshot";
}

TEST_F(HtmlReport, TreemapZoomsAndExplains) {
  TempDir Out;
  std::string Page = Out.path() + "/report.html";
  ASSERT_EQ(runFnlint({"scan", "examples", "--format", "html:" + Page}).exitCode, 1);
  // A copy driven by a second script: hover a folder, click it, click the
  // first breadcrumb. The policy that would block that script goes.
  std::string Html = readFile(Page);
  std::size_t Csp = Html.find("<meta http-equiv=\"Content-Security-Policy\"");
  ASSERT_NE(Csp, std::string::npos);
  Html.erase(Csp, Html.find('>', Csp) + 1 - Csp);
  Html.insert(Html.rfind("</body>"), R"(<script>
(function () {
  var out = [], folder = document.querySelector('.treemap .tm-node.folder');
  out.push('label=' + folder.querySelector('.tm-label').textContent.split(' ')[0]);
  folder.dispatchEvent(new MouseEvent('mousemove', { clientX: 100, clientY: 100, bubbles: true }));
  var tip = document.getElementById('tm-tip');
  out.push('tip=' + (!tip.hidden && tip.textContent.indexOf('% of the 250.0 MB unzipped limit') > 0));
  folder.click();
  var crumbs = document.querySelector('.crumbs');
  out.push('zoomed=' + crumbs.querySelectorAll('button').length);
  out.push('drawn=' + (document.querySelector('.treemap').querySelectorAll('.tm-node').length > 0));
  crumbs.querySelector('button').click();
  out.push('back=' + crumbs.querySelectorAll('button').length);
  document.body.setAttribute('data-drive', out.join(' '));
})();
</script>
)");
  std::string Driven = Out.path() + "/driven.html";
  writeFile(Driven, Html);
  ProcessResult Dom = chromium(Exe, Driven, {"--dump-dom"});
  ASSERT_EQ(Dom.exitCode, 0) << Dom.err;
  EXPECT_EQ(consoleLines(Dom.err), "");
  EXPECT_NE(Dom.out.find("data-drive=\"label=node_modules tip=true zoomed=2 drawn=true back=1\""), std::string::npos)
      << Dom.out.substr(0, 600);
}

TEST_F(HtmlReport, HostileEntryNamesStayText) {
  TempDir Dir;
  const std::string Run = "document.body.setAttribute('data-pwned','1')";
  YAML::Node Entries = YAML::Load(R"([
    {path: app.py, text: "def handler(event, context):\n    return 1\n"},
    {path: "tests/<img src=x onerror=\")" + Run + R"(\">.py", random: 4000},
    {path: "lib/<script>)" + Run + R"(</script>/x.py", random: 3000},
    {path: "lib/\" onmouseover=\")" + Run + R"(\" x=\"/y.py", random: 2000},
    {path: "vendor/<b>bold</b>.zip", method: store, zip: [{path: "<i>a</i>/b.txt", random: 500}]}
  ])");
  writeFile(Dir.path() + "/fn.zip", buildZip(Entries));
  writeFile(Dir.path() + "/template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"
                                           "Transform: AWS::Serverless-2016-10-31\n"
                                           "Resources:\n"
                                           "  Fn:\n"
                                           "    Type: AWS::Serverless::Function\n"
                                           "    Properties:\n"
                                           "      CodeUri: fn.zip\n"
                                           "      Handler: app.handler\n"
                                           "      Runtime: python3.12\n");
  std::string Page = Dir.path() + "/report.html";
  ProcessResult Scan = runFnlint({"scan", ".", "--format", "html:" + Page, "--exit-zero"}, Dir.path());
  ASSERT_EQ(Scan.exitCode, 0) << Scan.err;
  std::string Html = readFile(Page);
  EXPECT_EQ(Html.find("<img"), std::string::npos);
  EXPECT_EQ(Html.find("<script>document"), std::string::npos);

  ProcessResult Dom = chromium(Exe, Page, {"--dump-dom"});
  ASSERT_EQ(Dom.exitCode, 0) << Dom.err;
  EXPECT_EQ(consoleLines(Dom.err), "");
  EXPECT_GT(renderedNodes(Dom.out), 0) << Dom.out.substr(0, 2000);
  EXPECT_EQ(Dom.out.find("data-pwned=\""), std::string::npos) << "a name ran as script";
  EXPECT_EQ(Dom.out.find("<img"), std::string::npos);
  // The nested archive is listed, folded, and its names are text too.
  EXPECT_NE(Dom.out.find("<details class=\"package\">\n<summary><b>fn.zip!/vendor/&lt;b&gt;bold&lt;/b&gt;.zip</b>"),
            std::string::npos);
  EXPECT_EQ(Dom.out.find("<i>"), std::string::npos);
  // The names are there, as text: the treemap labels a folder after one.
  EXPECT_NE(Dom.out.find("&lt;script&gt;document.body.setAttribute"), std::string::npos);
}

} // namespace
