#include "support/ReviewedList.h"

#include "support/Fixture.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <sstream>

namespace fnlint::test {

bool updateOrCheckReviewedList(const std::string &ListFile, const std::vector<std::string> &Found,
                               const std::function<std::string(const std::string &)> &Unlisted) {
  std::string Current = readFile(ListFile);
  if (std::getenv("FNLINT_UPDATE_GOLDEN")) {
    std::string Text;
    std::istringstream In(Current);
    for (std::string Line; std::getline(In, Line) && !Line.empty() && Line[0] == '#';)
      Text += Line + "\n";
    for (const std::string &E : Found)
      Text += E + "\n";
    writeFile(ListFile, Text);
    return true;
  }
  std::set<std::string> Listed;
  std::istringstream In(Current);
  for (std::string Line; std::getline(In, Line);)
    if (!Line.empty() && Line[0] != '#')
      Listed.insert(Line);
  std::set<std::string> Seen(Found.begin(), Found.end());
  for (const std::string &E : Found)
    if (!Listed.count(E))
      ADD_FAILURE() << Unlisted(E) << "; add it to " << ListFile << " if that is right";
  for (const std::string &E : Listed)
    if (!Seen.count(E))
      ADD_FAILURE() << E << " is listed but no longer found: remove it from " << ListFile;
  return false;
}

} // namespace fnlint::test
