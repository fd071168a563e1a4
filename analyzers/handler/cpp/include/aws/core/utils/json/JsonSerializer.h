// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>

namespace Aws {
namespace Utils {
namespace Json {
class JsonView;
/// An owned JSON document.
class JsonValue {
public:
  JsonValue();
  explicit JsonValue(const Aws::String &value);
  JsonValue(const JsonValue &value);
  JsonValue &operator=(const JsonValue &other);
  ~JsonValue();
  bool WasParseSuccessful() const;
  const Aws::String &GetErrorMessage() const;
  JsonValue &WithString(const Aws::String &key, const Aws::String &value);
  JsonValue &WithString(const char *key, const Aws::String &value);
  JsonValue &WithInteger(const char *key, int value);
  JsonValue &WithInt64(const char *key, long long value);
  JsonValue &WithDouble(const char *key, double value);
  JsonValue &WithBool(const char *key, bool value);
  JsonValue &WithObject(const char *key, const JsonValue &value);
  JsonValue &WithArray(const char *key, const Aws::Vector<JsonValue> &array);
  JsonValue &AsString(const Aws::String &value);
  JsonValue &AsObject(const JsonValue &value);
  JsonView View() const;
};
/// A non-owning view of a JSON document.
class JsonView {
public:
  JsonView();
  JsonView(const JsonValue &value);
  Aws::String GetString(const Aws::String &key) const;
  Aws::String AsString() const;
  int GetInteger(const Aws::String &key) const;
  int AsInteger() const;
  long long GetInt64(const Aws::String &key) const;
  double GetDouble(const Aws::String &key) const;
  bool GetBool(const Aws::String &key) const;
  JsonView GetObject(const Aws::String &key) const;
  Aws::Vector<JsonView> GetArray(const Aws::String &key) const;
  Aws::Vector<JsonView> AsArray() const;
  Aws::Map<Aws::String, JsonView> GetAllObjects() const;
  bool ValueExists(const Aws::String &key) const;
  bool KeyExists(const Aws::String &key) const;
  bool IsString() const;
  bool IsObject() const;
  bool IsNull() const;
  Aws::String WriteCompact(bool treatAsObject = true) const;
  Aws::String WriteReadable(bool treatAsObject = true) const;
  JsonValue Materialize() const;
};
} // namespace Json
} // namespace Utils
} // namespace Aws
