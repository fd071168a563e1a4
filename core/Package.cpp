#include "core/Package.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <filesystem>

namespace fnlint {

bool isAbsoluteMemberPath(std::string_view Path) {
  if (!Path.empty() && (Path[0] == '/' || Path[0] == '\\'))
    return true;
  return Path.size() >= 2 && std::isalpha(static_cast<unsigned char>(Path[0])) && Path[1] == ':';
}

bool symlinkLeavesPackage(const PackageEntry &E) {
  if (E.symlinkTarget.empty())
    return false;
  if (isAbsoluteMemberPath(E.symlinkTarget))
    return true;
  std::filesystem::path P = std::filesystem::path(E.path).parent_path() / E.symlinkTarget;
  std::string N = P.lexically_normal().generic_string();
  return N == ".." || N.rfind("../", 0) == 0;
}

EntryReader::~EntryReader() = default;

namespace {

class FileReader final : public EntryReader {
public:
  explicit FileReader(int Fd) : Fd(Fd) {}
  ~FileReader() override { ::close(Fd); }
  std::int64_t read(char *Buffer, std::size_t Size) override {
    for (;;) {
      ssize_t N = ::read(Fd, Buffer, Size);
      if (N >= 0)
        return N;
      if (errno != EINTR) {
        Err = std::strerror(errno);
        return -1;
      }
    }
  }
  const std::string &error() const override { return Err; }

private:
  int Fd;
  std::string Err;
};

} // namespace

std::unique_ptr<EntryReader> openDiskFile(const std::string &AbsolutePath, std::string &Error) {
  int Fd = ::open(AbsolutePath.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (Fd < 0) {
    Error = std::strerror(errno);
    return nullptr;
  }
  return std::make_unique<FileReader>(Fd);
}

bool EntryReader::readAll(std::string &Out, std::uint64_t Limit) {
  char Buffer[64 * 1024];
  for (;;) {
    std::int64_t N = read(Buffer, sizeof Buffer);
    if (N < 0)
      return false;
    if (N == 0)
      return true;
    if (Out.size() + static_cast<std::uint64_t>(N) > Limit)
      return false;
    Out.append(Buffer, static_cast<std::size_t>(N));
  }
}

Package::~Package() = default;

Location Package::entryLocation(const PackageEntry &E) const {
  Location L;
  L.path = location.path;
  L.members = location.members;
  if (isFolder() && singleFile)
    return L;
  if (isFolder())
    L.path = L.path.empty() || L.path == "." ? E.path : L.path + "/" + E.path;
  else
    L.members.push_back(E.path);
  return L;
}

std::uint64_t Package::unpackedBytes() const {
  std::uint64_t Total = 0;
  for (const PackageEntry &E : entries)
    if (E.isFile())
      Total = addSaturating(Total, E.size);
  return Total;
}

} // namespace fnlint
