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
#include <string_view>

namespace fnlint::python {

/// Whether an imported module ("utils", "lib.db", ".models") is code of the
/// function's own package, which the inventory does not follow.
using LocalModuleTest = std::function<bool(std::string_view Module)>;

permissions::CallInventory sdkCalls(const HandlerFile &H, const LocalModuleTest &IsLocal);

} // namespace fnlint::python
