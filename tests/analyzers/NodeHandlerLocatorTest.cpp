// Tests of the Node.js structural layer (analyzers/handler/node/HandlerLocator.h):
// each export form people write, TypeScript annotations, wrappers, top-level
// statements with and without semicolons, and Handler settings.
#include "analyzers/handler/node/HandlerLocator.h"

#include <gtest/gtest.h>

#include <string>

namespace fnlint::node {
namespace {

/// The source text of a token range, tokens joined by one space.
std::string joined(const NodeModule &M, TokenRange R) {
  std::string S;
  for (std::size_t I = R.begin; I < R.end && I < M.tokens().size(); ++I)
    S += (S.empty() ? "" : " ") + std::string(M.tokens()[I].text);
  return S;
}

struct Located {
  bool found = false, resolved = false, isAsync = false, wrapped = false, concise = false;
  std::string event, body;
};

Located locate(std::string_view Src, std::string_view Name = "handler") {
  NodeModule M(Src);
  Located L;
  auto F = M.findHandler(Name);
  if (!F)
    return L;
  L.found = true;
  L.resolved = F->resolved;
  L.isAsync = F->isAsync;
  L.wrapped = F->wrapped;
  L.concise = F->conciseBody;
  L.event = F->eventParam;
  L.body = joined(M, F->body);
  std::string_view Named = M.tokens()[F->exportToken].text;
  if (M.tokens()[F->exportToken].kind == TokenKind::String) // exports['handler']
    Named = Named.substr(1, Named.size() - 2);
  EXPECT_EQ(Named, Name) << Src;
  return L;
}

TEST(NodeHandlerLocator, CommonJsExports) {
  Located A = locate("const x = 1;\nexports.handler = async (event, context) => { return x; };");
  EXPECT_TRUE(A.resolved);
  EXPECT_TRUE(A.isAsync);
  EXPECT_EQ(A.event, "event");
  EXPECT_EQ(A.body, "{ return x ; }");

  Located B = locate("exports.handler = function(evt) { return 1 }");
  EXPECT_TRUE(B.resolved);
  EXPECT_FALSE(B.isAsync);
  EXPECT_EQ(B.event, "evt");

  Located C = locate("'use strict'\nmodule.exports.handler = async function handler(e, ctx, cb) { cb() }");
  EXPECT_TRUE(C.resolved);
  EXPECT_EQ(C.event, "e");
  EXPECT_EQ(C.body, "{ cb ( ) }");

  // TypeScript's CommonJS output declares the export first; the last assignment counts.
  Located T = locate("exports.handler = void 0;\nconst handler = async (event) => { };\nexports.handler = handler;");
  EXPECT_TRUE(T.resolved);
  EXPECT_EQ(T.event, "event");

  Located D = locate("exports['handler'] = e => e.id, exports.other = 1");
  EXPECT_TRUE(D.concise);
  EXPECT_EQ(D.event, "e");
  EXPECT_EQ(D.body, "e . id");
}

TEST(NodeHandlerLocator, EsModuleExports) {
  Located A = locate("import x from 'y'\nexport const handler = async (event) => {\n  return `${x}`\n}\n");
  EXPECT_TRUE(A.resolved);
  EXPECT_EQ(A.event, "event");
  EXPECT_EQ(A.body, "{ return `${ x }` }");

  Located B = locate("export async function handler(event) { await go(event) }");
  EXPECT_TRUE(B.resolved);
  EXPECT_TRUE(B.isAsync);
  EXPECT_EQ(B.body, "{ await go ( event ) }");

  Located C = locate("const handler = async ({ body }) => body;\nexport { handler };");
  EXPECT_TRUE(C.resolved);
  EXPECT_EQ(C.event, ""); // destructured
  EXPECT_EQ(C.body, "body");

  Located D = locate("async function main(ev) { }\nexport { main as handler, x }");
  EXPECT_TRUE(D.resolved);
  EXPECT_EQ(D.event, "ev");

  Located E = locate("export { handler } from './impl.js'");
  EXPECT_TRUE(E.found);
  EXPECT_FALSE(E.resolved);
}

TEST(NodeHandlerLocator, ModuleExportsObject) {
  Located A = locate("const handler = async (event) => { }\nmodule.exports = { handler }");
  EXPECT_TRUE(A.resolved);
  EXPECT_EQ(A.event, "event");

  Located B = locate("module.exports = { other: 1, handler: async (req) => ({ ok: true }) };");
  EXPECT_TRUE(B.resolved);
  EXPECT_TRUE(B.concise);
  EXPECT_EQ(B.event, "req");

  Located C = locate("module.exports = {\n  async handler(event, context) { return 1 },\n};");
  EXPECT_TRUE(C.resolved);
  EXPECT_TRUE(C.isAsync);
  EXPECT_EQ(C.event, "event");
  EXPECT_EQ(C.body, "{ return 1 }");

  Located D = locate("module.exports = { 'handler': function (e) {} }");
  EXPECT_TRUE(D.resolved);
}

TEST(NodeHandlerLocator, TypeScriptAnnotations) {
  Located A = locate("export const handler: APIGatewayProxyHandler = async (event: APIGatewayProxyEvent): "
                     "Promise<APIGatewayProxyResult> => {\n  return { statusCode: 200 };\n};");
  EXPECT_TRUE(A.resolved);
  EXPECT_EQ(A.event, "event");
  EXPECT_EQ(A.body, "{ return { statusCode : 200 } ; }");

  Located B = locate("export async function handler(event: SQSEvent, context: Context): Promise<{ ok: boolean }> "
                     "{ return { ok: true } }");
  EXPECT_TRUE(B.resolved);
  EXPECT_EQ(B.body, "{ return { ok : true } }");

  Located C = locate("export const handler: Handler<A, B> = async <T,>(e: T) => e;");
  EXPECT_TRUE(C.resolved);
  EXPECT_EQ(C.event, "e");
}

TEST(NodeHandlerLocator, FollowsNamesAndWrappers) {
  Located A = locate("const lambdaHandler = async (event) => { }\n"
                     "export const handler = middy(lambdaHandler).use(jsonBodyParser())");
  EXPECT_TRUE(A.resolved);
  EXPECT_TRUE(A.wrapped);
  EXPECT_EQ(A.event, "event");

  Located B = locate("exports.handler = Sentry.AWSLambda.wrapHandler(async (event) => { })");
  EXPECT_TRUE(B.resolved);
  EXPECT_TRUE(B.wrapped);

  Located C = locate("async function run(e) {}\nconst handler = run\nexports.handler = handler");
  EXPECT_TRUE(C.resolved);
  EXPECT_EQ(C.event, "e");

  // Bound to something this file does not define: found, not resolved.
  Located D = locate("const app = require('./app')\nexports.handler = serverless(app)");
  EXPECT_TRUE(D.found);
  EXPECT_FALSE(D.resolved);
  Located E = locate("const a = b, b = a;\nexports.handler = a"); // a cycle ends
  EXPECT_TRUE(E.found);
  EXPECT_FALSE(E.resolved);
}

TEST(NodeHandlerLocator, NotFooledByLookalikes) {
  EXPECT_FALSE(locate("// exports.handler = async (e) => {}\nconst s = 'exports.handler = 1'").found);
  EXPECT_FALSE(locate("function f() { exports.handler = async (e) => {} }").found); // not module scope
  EXPECT_FALSE(locate("exports.handlerX = async (e) => {}").found);
  EXPECT_FALSE(locate("export const handler2 = 1, x = 2").found);
  EXPECT_EQ(locate("exports.other = (a) => {}\nexports.main = async (event) => { }", "main").event, "event");
  EXPECT_FALSE(locate("exports.handler = 1", "").found);
}

TEST(NodeHandlerLocator, TopLevelStatements) {
  NodeModule M("#!/usr/bin/env node\nconst a = require('a')\nconst b = a\n  .x()\nlet c = [1]\n"
               "function f() {} f()\nif (a) { } else { }\nexports.handler = async (e) => {\n  const inner = 1\n}\n"
               "x++\n;(y)\n");
  std::vector<std::string> S;
  for (const TokenRange &R : M.topLevelStatements())
    S.push_back(joined(M, R));
  EXPECT_EQ(S, (std::vector<std::string>{"#!/usr/bin/env node", "const a = require ( 'a' )", "const b = a . x ( )",
                                         "let c = [ 1 ]", "function f ( ) { }", "f ( )", "if ( a ) { } else { }",
                                         "exports . handler = async ( e ) => { const inner = 1 }", "x ++ ;",
                                         "( y )"}));
  // Module scope versus handler body.
  auto F = M.findHandler("handler");
  ASSERT_TRUE(F && F->resolved);
  std::size_t Inner = F->body.begin + 1;
  EXPECT_EQ(M.tokens()[Inner].text, "const");
  auto Owner = M.statementOf(Inner);
  ASSERT_TRUE(Owner);
  EXPECT_TRUE(Owner->contains(F->body.begin));
  EXPECT_FALSE(M.statementOf(M.tokens().size()));
}

TEST(NodeHandlerLocator, HandlerSettings) {
  auto H = parseHandlerSetting("src/app.handler");
  ASSERT_TRUE(H);
  EXPECT_EQ(H->moduleBase, "src/app");
  EXPECT_EQ(H->exportName, "handler");
  EXPECT_EQ(H->candidateFiles().front(), "src/app.js");
  EXPECT_EQ(H->candidateFiles()[1], "src/app.mjs");
  EXPECT_EQ(H->candidateFiles()[2], "src/app.cjs");
  auto N = parseHandlerSetting("app.v1.lambdaHandler");
  ASSERT_TRUE(N);
  EXPECT_EQ(N->moduleBase, "app.v1");
  EXPECT_FALSE(parseHandlerSetting("handler"));
  EXPECT_FALSE(parseHandlerSetting("a.b/handler"));
  EXPECT_FALSE(parseHandlerSetting(".handler"));
  EXPECT_FALSE(parseHandlerSetting("app."));
}

TEST(NodeHandlerLocator, MalformedInputDoesNotCrash) {
  for (std::string_view Src : {"exports.handler =", "exports.handler = async (", "export const handler = (e) =>",
                               "export {", "module.exports = {", "module.exports = { handler(", "export function",
                               "exports.handler = function(e) {", "export const handler: = 1",
                               "module.exports = { async }", "module.exports = { async", "exports[",
                               "exports['handler'", "exports.handler = async", "export { a as"}) {
    NodeModule M(Src);
    (void)M.findHandler("handler");
  }
}

TEST(NodeHandlerLocator, RandomSoupOfJavaScriptPiecesDoesNotCrash) {
  // Deterministic pseudo-random concatenations of fragments that stress the
  // bracket, template, regex and export paths.
  const std::vector<std::string_view> Pieces = {
      "exports", ".", "handler", " = ", "async ", "(", ")", "{", "}", "[", "]", "`", "${", "'", "\"", "/",
      "/re/", "=>", ",", ";", "\n", "module", "export ", "const ", "function ", ":", "<", ">", "as ", "x", "//",
      "/*", "*/", "\\", "#", "1.5e", "?."};
  std::uint32_t Seed = 12345;
  for (int Round = 0; Round < 2000; ++Round) {
    std::string Src;
    int Len = 1 + static_cast<int>(Seed % 40);
    for (int I = 0; I < Len; ++I) {
      Seed = Seed * 1103515245u + 12345u;
      Src += Pieces[(Seed >> 16) % Pieces.size()];
    }
    NodeModule M(Src);
    (void)M.findHandler("handler");
    std::size_t Covered = 0;
    for (const TokenRange &R : M.topLevelStatements())
      Covered = R.end;
    EXPECT_EQ(Covered, M.tokens().size()) << Src;
  }
}

} // namespace
} // namespace fnlint::node
