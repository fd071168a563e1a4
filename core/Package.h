//===- core/Package.h - A function code package -----------------*- C++ -*-===//
//
// A package is what Lambda would unpack into /var/task or /opt: a zip archive
// on disk, an archive nested inside another one, or a folder (a SAM CodeUri
// before it is zipped). Analyzers see the same model for all three: a list of
// entries read from the central directory or the folder listing, and a way to
// stream any entry's bytes. The scanner implements the reading.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Location.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

/// A + B, or the largest value when the sum would wrap: sizes come from
/// untrusted central directories and may declare 2^63 bytes each.
constexpr std::uint64_t addSaturating(std::uint64_t A, std::uint64_t B) {
  return A > UINT64_MAX - B ? UINT64_MAX : A + B;
}

struct PackageEntry {
  enum class Type : std::uint8_t { File, Directory, Symlink };

  std::string path;              ///< as stored, '/' separated, no trailing '/'
  Type type = Type::File;
  std::uint64_t size = 0;        ///< uncompressed bytes
  std::uint64_t compressedSize = 0;
  std::uint32_t crc32 = 0;
  std::uint32_t unixMode = 0;    ///< st_mode (file type and permission bits) when hasUnixMode
  bool hasUnixMode = false;      ///< false for archives made without Unix attributes (e.g. on Windows)
  bool encrypted = false;
  std::uint16_t compressionMethod = 0; ///< ZIP method (0 stored, 8 deflate); 0 for folders
  std::uint64_t index = 0;       ///< position in the archive's central directory or the folder listing
  std::string symlinkTarget;     ///< for symlinks whose target could be read

  bool isFile() const { return type == Type::File; }
  bool isDirectory() const { return type == Type::Directory; }
  bool isSymlink() const { return type == Type::Symlink; }
  std::uint32_t permissions() const { return unixMode & 07777; }
};

/// Whether an archive member name or link target is absolute ("/etc/x",
/// "\\share\\x", "C:\\x"), in the forms unzip tools on any system honour.
bool isAbsoluteMemberPath(std::string_view Path);

/// Whether the symbolic link \p E points outside its package: an absolute
/// target, or one that climbs above the package root from the link's folder.
/// False when the target could not be read.
bool symlinkLeavesPackage(const PackageEntry &E);

/// Streams one entry's bytes. Not thread-safe; open one per thread.
class EntryReader {
public:
  virtual ~EntryReader();
  /// Reads up to \p Size bytes; returns the count, 0 at the end, -1 on error
  /// (see error()).
  virtual std::int64_t read(char *Buffer, std::size_t Size) = 0;
  virtual const std::string &error() const = 0;

  /// Reads the rest of the entry into \p Out, at most \p Limit bytes. Returns
  /// false on a read error or when the entry is longer than \p Limit.
  bool readAll(std::string &Out, std::uint64_t Limit);
};

/// Opens a file on disk for reading. Non-blocking, so a file replaced by a
/// FIFO since discovery cannot stall a scan.
std::unique_ptr<EntryReader> openDiskFile(const std::string &AbsolutePath, std::string &Error);

/// A limit the reader enforced on a hostile or unreasonable archive. Reading
/// that archive (or entry) stopped; the rest of the scan went on.
struct LimitViolation {
  enum class Kind : std::uint8_t {
    CompressionRatio,  ///< an entry inflates more than the allowed ratio
    DeclaredTotal,     ///< the central directory declares more bytes than the cap
    NestingDepth,      ///< archives nested deeper than the limit
    NestedArchives,    ///< more nested archives than the limit (a recursive zip bomb)
    OverlappingEntries ///< entries share compressed bytes (non-recursive zip bomb)
  };
  Kind kind;
  std::string member; ///< the offending entry, empty for the whole archive
  std::string detail; ///< human explanation with the numbers
};

class Package {
public:
  enum class Origin : std::uint8_t { DiskArchive, NestedArchive, Folder };
  /// Why fnlint treats this as Lambda code. Size, permission and content rules
  /// judge only Lambda packages, so a data zip or a library jar that happens
  /// to sit in the repository is not held to Lambda's limits.
  enum class Role : std::uint8_t {
    Deployed,   ///< a template deploys it as a function's or layer's code
    LambdaLike, ///< on disk, unreferenced, but shaped like a function or layer package
    Source,     ///< a folder a build step compiles or bundles (Java, Go, .NET, esbuild,
                ///< makefile): not what ships, so no package rule judges it
    Other       ///< any other archive: only checked for safety and readability
  };

  virtual ~Package();

  Origin origin = Origin::DiskArchive;
  Role role = Role::Other;
  /// The archive or folder: path relative to the scan root and member chain
  /// (for nested archives). No region: see anchor for where findings point.
  Location location;
  /// Where findings about the package as a whole point (see DESIGN.md: always a
  /// file that exists): the archive itself, or the CodeUri line for folders.
  Location anchor;
  std::uint64_t archiveBytes = 0; ///< size of the archive file; 0 for folders
  std::vector<PackageEntry> entries;
  std::vector<LimitViolation> violations;
  /// Why the archive could not be read (corrupt, truncated, encrypted, not a
  /// zip), naming libzip's reason. Entries are empty or partial then.
  std::optional<std::string> unreadable;
  unsigned depth = 0; ///< 0 for packages on disk, n for archives nested n levels deep
  /// A Folder package made of one file a template names (CodeUri: src/app.py):
  /// location.path is that file, and its single entry is the file's name.
  bool singleFile = false;
  /// Logical ids of the functions and layers that deploy this package, sorted.
  std::vector<std::string> deployedBy;
  /// Lambda runtimes of those functions ("nodejs20.x"), sorted, when known.
  std::vector<std::string> runtimes;

  bool isFolder() const { return origin == Origin::Folder; }
  bool isNested() const { return origin == Origin::NestedArchive; }
  bool isLambdaCode() const { return role == Role::Deployed || role == Role::LambdaLike; }

  /// The location of entry \p E for a finding: this package's path and member
  /// chain plus the entry's own path (for folders, the file on disk).
  Location entryLocation(const PackageEntry &E) const;

  /// Opens \p E for reading. Safe to call from several threads at once: each
  /// reader has its own archive handle. Returns nullptr and sets \p Error on
  /// failure.
  virtual std::unique_ptr<EntryReader> open(const PackageEntry &E, std::string &Error) const = 0;

  /// Total uncompressed bytes of all file entries.
  std::uint64_t unpackedBytes() const;
};

} // namespace fnlint
