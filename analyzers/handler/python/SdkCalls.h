//===- analyzers/handler/python/SdkCalls.h - boto3 calls of a handler -*- C++ -*-===//
//
// The inventory of AWS calls a Python handler makes through boto3, for the
// permissions rules: clients and resources (`boto3.client('s3')`,
// `session.resource('dynamodb').Table(t)`), followed through simple
// assignments, `self.x = ...` and arguments of functions of the same file,
// and the calls made on them in the handler, the functions of its file it
// reaches and module-level code. Anything fnlint cannot follow (a service
// name in a variable, getattr with a computed name, a waiter, a client handed
// to another module) makes the inventory partial, with the reason.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/handler/python/PythonCheck.h"
#include "analyzers/permissions/CallInventory.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace fnlint::python {

/// A module of the function's own package: its text and where it is.
struct LocalModule {
  std::string text;
  Location file;
};
/// The module an import names ("utils", "lib.db", ".models") when it is code
/// of the function's package; nullopt for libraries. Functions of such a
/// module the handler uses are followed (one module deep).
using LocalModuleLoader = std::function<std::optional<LocalModule>(std::string_view Module)>;

permissions::CallInventory sdkCalls(const HandlerFile &H, const LocalModuleLoader &Load);

} // namespace fnlint::python
