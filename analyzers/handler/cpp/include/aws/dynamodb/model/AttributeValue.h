// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>
#include <memory>

namespace Aws {
namespace DynamoDB {
namespace Model {
/// One DynamoDB value: a string (S), number (N), binary (B), boolean, list (L) or map (M).
class AttributeValue {
public:
  AttributeValue();
  explicit AttributeValue(const Aws::String &s);
  const Aws::String &GetS() const;
  AttributeValue &SetS(const Aws::String &s);
  AttributeValue &SetS(const char *s);
  const Aws::String &GetN() const;
  AttributeValue &SetN(const Aws::String &n);
  AttributeValue &SetN(const char *n);
  AttributeValue &SetN(int n);
  AttributeValue &SetN(double n);
  bool GetBool() const;
  AttributeValue &SetBool(bool value);
  const Aws::Utils::ByteBuffer &GetB() const;
  AttributeValue &SetB(const Aws::Utils::ByteBuffer &b);
  const Aws::Vector<Aws::String> GetSS() const;
  AttributeValue &SetSS(const Aws::Vector<Aws::String> &ss);
  AttributeValue &AddSItem(const Aws::String &s);
  const Aws::Map<Aws::String, const std::shared_ptr<AttributeValue>> GetM() const;
  AttributeValue &SetM(const Aws::Map<Aws::String, const std::shared_ptr<AttributeValue>> &m);
  AttributeValue &AddMEntry(const Aws::String &key, const std::shared_ptr<AttributeValue> &value);
  const Aws::Vector<std::shared_ptr<AttributeValue>> GetL() const;
  AttributeValue &AddLItem(const std::shared_ptr<AttributeValue> &item);
  bool GetNull() const;
  AttributeValue &SetNull(bool value);
};
} // namespace Model
} // namespace DynamoDB
} // namespace Aws
