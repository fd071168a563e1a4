#include "scanner/ZipPackage.h"

#include "core/ThreadPool.h"
#include "scanner/Discovery.h"

#include <zip.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <sys/stat.h>
#include <unordered_set>

namespace fnlint {

namespace {

std::string zipErrorText(int Code) {
  zip_error_t E;
  zip_error_init_with_code(&E, Code);
  std::string Text = zip_error_strerror(&E);
  zip_error_fini(&E);
  return Text;
}

std::string formatBytes(std::uint64_t N) { return std::to_string(N) + " bytes"; }

/// A zip read with libzip. Each reader borrows its own zip_t from a small
/// pool, so entries can be streamed from several threads at once. Handles
/// are closed once loading is done (an open archive is an open file, and a
/// repository may hold thousands) and reopened on demand.
class ZipPackage final : public Package {
public:
  std::string FilePath;                      ///< set for archives on disk
  std::shared_ptr<const std::string> Buffer; ///< the inflated bytes, while they are kept
  /// For nested archives whose bytes were released after loading: where to
  /// inflate them from again. Packages live as long as their Project.
  const ZipPackage *Parent = nullptr;
  PackageEntry SourceEntry;
  std::vector<std::uint8_t> Blocked;         ///< per entry: 1 when reading it is refused
  std::string BlockedReason;                 ///< for the whole archive, when set

  ~ZipPackage() override { closeHandles(); }

  struct Handle {
    zip_t *Z = nullptr;
    std::shared_ptr<const std::string> Bytes; ///< keeps an in-memory archive alive under Z
  };

  Handle acquire(std::string &Error) const {
    {
      std::lock_guard<std::mutex> Lock(Mu);
      if (!Free.empty()) {
        Handle H = std::move(Free.back());
        Free.pop_back();
        return H;
      }
    }
    return openHandle(Error);
  }

  void release(Handle H) const {
    std::lock_guard<std::mutex> Lock(Mu);
    Free.push_back(std::move(H));
  }

  void closeHandles() const {
    std::lock_guard<std::mutex> Lock(Mu);
    for (Handle &H : Free)
      zip_discard(H.Z);
    Free.clear();
  }

  /// Drops the inflated bytes of a nested archive; open() inflates them
  /// again from the parent when asked.
  void releaseBytes() {
    closeHandles();
    if (Parent)
      Buffer.reset();
  }

  Handle openHandle(std::string &Error) const {
    Handle H;
    int Code = 0;
    if (FilePath.size() && !Buffer) {
      H.Z = zip_open(FilePath.c_str(), ZIP_RDONLY, &Code);
      if (!H.Z)
        Error = describeOpenError(Code, nullptr);
      return H;
    }
    H.Bytes = Buffer ? Buffer : inflateFromParent(Error);
    if (!H.Bytes)
      return H;
    if (H.Bytes->empty()) { // libzip would open an empty buffer as an empty archive
      Error = "empty file (0 bytes): not a zip archive";
      return H;
    }
    zip_error_t E;
    zip_error_init(&E);
    zip_source_t *Src = zip_source_buffer_create(H.Bytes->data(), H.Bytes->size(), 0, &E);
    H.Z = Src ? zip_open_from_source(Src, ZIP_RDONLY, &E) : nullptr;
    if (!H.Z) {
      if (Src)
        zip_source_free(Src);
      Error = describeOpenError(zip_error_code_zip(&E), H.Bytes.get());
    }
    zip_error_fini(&E);
    return H;
  }

  std::string describeOpenError(int Code, const std::string *Bytes) const {
    std::string Why = zipErrorText(Code);
    if (Code == ZIP_ER_NOZIP) {
      std::string Head = Bytes ? Bytes->substr(0, 64) : readFileHead(FilePath, 64);
      if (Head.empty())
        return "empty file (0 bytes): not a zip archive (libzip: " + Why + ")";
      if (Head.rfind("version https://git-lfs.github.com/spec/", 0) == 0)
        return "a Git LFS pointer, not the archive itself (git lfs pull fetches it)";
      return hasZipMagic(Head) ? "truncated or corrupt: no end of central directory record (libzip: " + Why + ")"
                               : "not a zip archive (libzip: " + Why + ")";
    }
    return "cannot open archive (libzip: " + Why + ")";
  }

  std::unique_ptr<EntryReader> open(const PackageEntry &E, std::string &Error) const override;

private:
  mutable std::mutex Mu;
  mutable std::vector<Handle> Free;

  std::shared_ptr<const std::string> inflateFromParent(std::string &Error) const {
    if (!Parent) {
      Error = "archive bytes are not available";
      return nullptr;
    }
    auto Data = std::make_shared<std::string>();
    auto R = Parent->open(SourceEntry, Error);
    if (!R)
      return nullptr;
    if (!R->readAll(*Data, SourceEntry.size)) {
      Error = "cannot inflate nested archive: " + R->error();
      return nullptr;
    }
    return Data;
  }
};

class ZipEntryReader final : public EntryReader {
public:
  ZipEntryReader(const ZipPackage &Pkg, ZipPackage::Handle H, zip_file_t *F)
      : Pkg(Pkg), H(std::move(H)), F(F) {}
  ~ZipEntryReader() override {
    zip_fclose(F);
    Pkg.release(std::move(H));
  }
  std::int64_t read(char *Buffer, std::size_t Size) override {
    zip_int64_t N = zip_fread(F, Buffer, Size);
    if (N < 0)
      Err = zip_error_strerror(zip_file_get_error(F));
    return N;
  }
  const std::string &error() const override { return Err; }

private:
  const ZipPackage &Pkg;
  ZipPackage::Handle H;
  zip_file_t *F;
  std::string Err;
};

std::unique_ptr<EntryReader> ZipPackage::open(const PackageEntry &E, std::string &Error) const {
  if (!BlockedReason.empty()) {
    Error = BlockedReason;
    return nullptr;
  }
  if (E.index >= Blocked.size() || Blocked[E.index]) {
    Error = "not read: the entry exceeds an archive safety limit";
    return nullptr;
  }
  if (E.encrypted) {
    Error = "encrypted entry";
    return nullptr;
  }
  Handle H = acquire(Error);
  if (!H.Z)
    return nullptr;
  zip_file_t *F = zip_fopen_index(H.Z, E.index, 0);
  if (!F) {
    Error = zip_error_strerror(zip_get_error(H.Z));
    zip_error_clear(H.Z);
    release(std::move(H));
    return nullptr;
  }
  return std::make_unique<ZipEntryReader>(*this, std::move(H), F);
}

std::string_view baseName(std::string_view Path) {
  auto Slash = Path.rfind('/');
  return Slash == std::string_view::npos ? Path : Path.substr(Slash + 1);
}

void readEntries(ZipPackage &Pkg, zip_t *Z, const ResourceLimits &Limits) {
  zip_int64_t Count = zip_get_num_entries(Z, 0);
  if (Count < 0)
    Count = 0;
  if (static_cast<std::uint64_t>(Count) > Limits.maxEntries) {
    Pkg.violations.push_back({LimitViolation::Kind::DeclaredTotal, "",
                              "the central directory lists " + std::to_string(Count) +
                                  " entries; only the first " + std::to_string(Limits.maxEntries) + " are read (" +
                                  describeLimit(Limits, "archive-entries") + ")"});
    Count = static_cast<zip_int64_t>(Limits.maxEntries);
  }
  Pkg.entries.reserve(static_cast<std::size_t>(Count));
  for (zip_int64_t I = 0; I < Count; ++I) {
    zip_stat_t St;
    zip_stat_init(&St);
    if (zip_stat_index(Z, static_cast<zip_uint64_t>(I), 0, &St) != 0)
      continue;
    PackageEntry E;
    E.index = static_cast<std::uint64_t>(I);
    E.path = (St.valid & ZIP_STAT_NAME) && St.name ? St.name : "";
    E.size = St.size;
    E.compressedSize = St.comp_size;
    E.crc32 = St.crc;
    E.compressionMethod = St.comp_method;
    E.encrypted = (St.valid & ZIP_STAT_ENCRYPTION_METHOD) && St.encryption_method != ZIP_EM_NONE;
    zip_uint8_t OpSys = 0;
    zip_uint32_t Attr = 0;
    if (zip_file_get_external_attributes(Z, static_cast<zip_uint64_t>(I), 0, &OpSys, &Attr) == 0 &&
        OpSys == ZIP_OPSYS_UNIX && (Attr >> 16) != 0) {
      E.unixMode = Attr >> 16;
      E.hasUnixMode = true;
    }
    bool TrailingSlash = !E.path.empty() && E.path.back() == '/';
    if (TrailingSlash || (E.hasUnixMode && S_ISDIR(E.unixMode)) ||
        (OpSys == ZIP_OPSYS_DOS && (Attr & 0x10)))
      E.type = PackageEntry::Type::Directory;
    else if (E.hasUnixMode && S_ISLNK(E.unixMode))
      E.type = PackageEntry::Type::Symlink;
    while (E.path.size() > 1 && E.path.back() == '/')
      E.path.pop_back();
    Pkg.entries.push_back(std::move(E));
  }
  Pkg.Blocked.assign(Pkg.entries.empty() ? 0 : Pkg.entries.back().index + 1, 0);
}

/// Zip bombs are recognised from the central directory alone, before any
/// byte is inflated: an entry's declared ratio, the declared total, and
/// entries whose compressed bytes overlap (the sum of compressed sizes cannot
/// exceed the archive's own size unless they share data).
void checkBombs(ZipPackage &Pkg, const ResourceLimits &Limits) {
  // A non-recursive bomb points hundreds of entries at one kernel: each is
  // blocked, the first few are named, the rest counted in one line.
  constexpr std::size_t MaxRatioReports = 10;
  std::size_t RatioEntries = 0;
  std::uint64_t Declared = 0, Compressed = 0;
  for (const PackageEntry &E : Pkg.entries) {
    if (E.isDirectory())
      continue;
    Declared = addSaturating(Declared, E.size);
    Compressed = addSaturating(Compressed, E.compressedSize);
    if (E.size > Limits.ratioMinEntryBytes &&
        static_cast<double>(E.size) > Limits.maxCompressionRatio * static_cast<double>(std::max<std::uint64_t>(E.compressedSize, 1))) {
      Pkg.Blocked[E.index] = 1;
      if (++RatioEntries > MaxRatioReports)
        continue;
      double Ratio = static_cast<double>(E.size) / static_cast<double>(std::max<std::uint64_t>(E.compressedSize, 1));
      char Buf[64];
      std::snprintf(Buf, sizeof Buf, "%.0f:1", Ratio);
      Pkg.violations.push_back({LimitViolation::Kind::CompressionRatio, E.path,
                                "inflates " + formatBytes(E.compressedSize) + " to " + formatBytes(E.size) +
                                    " (" + Buf + ", more than " + describeLimit(Limits, "compression-ratio") + ")"});
    }
  }
  if (RatioEntries > MaxRatioReports)
    Pkg.violations.push_back({LimitViolation::Kind::CompressionRatio, "",
                              std::to_string(RatioEntries - MaxRatioReports) + " more entries inflate more than " +
                                  describeLimit(Limits, "compression-ratio") + " (the first " +
                                  std::to_string(MaxRatioReports) + " are reported one by one); none of them was read"});
  if (Declared > Limits.maxDeclaredBytes) {
    Pkg.violations.push_back({LimitViolation::Kind::DeclaredTotal, "",
                              "the central directory declares " + formatBytes(Declared) +
                                  " uncompressed, more than " + describeLimit(Limits, "inflated-bytes")});
    Pkg.BlockedReason = "not read: the archive exceeds limits.inflated-bytes";
  }
  if (Pkg.archiveBytes && Compressed > Pkg.archiveBytes) {
    Pkg.violations.push_back({LimitViolation::Kind::OverlappingEntries, "",
                              "entries declare " + formatBytes(Compressed) + " of compressed data in a " +
                                  formatBytes(Pkg.archiveBytes) + " archive: they overlap, as in a non-recursive zip bomb"});
    Pkg.BlockedReason = "not read: entries overlap";
  }
}

void readSymlinkTargets(ZipPackage &Pkg) {
  for (PackageEntry &E : Pkg.entries) {
    if (!E.isSymlink() || E.size > 4096)
      continue;
    std::string Error;
    auto R = Pkg.open(E, Error);
    if (R)
      R->readAll(E.symlinkTarget, 4096);
  }
}

bool isNestedCandidate(const ZipPackage &Pkg, const PackageEntry &E) {
  if (!E.isFile() || E.encrypted || E.size < 22 || Pkg.Blocked[E.index])
    return false;
  if (hasArchiveExtension(E.path))
    return true;
  std::string_view Base = baseName(E.path);
  if (Base.find('.') != std::string_view::npos)
    return false;
  // Extension-less: a zip whatever its name. Peek at the magic bytes.
  std::string Error;
  auto R = Pkg.open(E, Error);
  if (!R)
    return false;
  char Buf[4];
  std::int64_t N = R->read(Buf, sizeof Buf);
  return N == 4 && hasZipMagic(std::string_view(Buf, 4));
}

/// Reads one archive's central directory and checks it; opens no nested
/// archive. Returns false when the archive cannot be read.
bool openArchive(ZipPackage &Pkg, const ResourceLimits &Limits) {
  std::string Error;
  ZipPackage::Handle H = Pkg.openHandle(Error);
  if (!H.Z) {
    Pkg.unreadable = Error;
    return false;
  }
  readEntries(Pkg, H.Z, Limits);
  Pkg.release(std::move(H));
  checkBombs(Pkg, Limits);
  readSymlinkTargets(Pkg);
  return true;
}

std::string plural(std::uint64_t N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

/// Opens the archives nested in \p Root, level by level. Each level's
/// candidates are taken in a fixed order (parent, then entry index) and
/// admitted against the limits in that order before any is opened, so which
/// archives are read never depends on thread timing; the admitted ones are
/// then inflated and opened in parallel. Limits that trip are reported once
/// for the package on disk, not once per archive: a recursive zip bomb
/// (42.zip) yields one finding, not a million.
void loadNestedLevels(ZipPackage &Root, const ResourceLimits &Limits, unsigned Jobs,
                      std::vector<std::unique_ptr<Package>> &Out, std::vector<InputProblem> &Problems) {
  std::vector<ZipPackage *> Level = {&Root};
  std::uint64_t Opened = 0, Bytes = 0;
  std::uint64_t TooDeep = 0, OverBudget = 0, OverCount = 0;
  std::string FirstTooDeep, FirstOverBudget;
  for (unsigned Depth = 0; !Level.empty(); ++Depth) {
    struct Candidate {
      ZipPackage *Parent;
      const PackageEntry *Entry;
    };
    std::vector<Candidate> Candidates;
    for (ZipPackage *Parent : Level)
      if (Parent->BlockedReason.empty())
        for (const PackageEntry &E : Parent->entries)
          if (isNestedCandidate(*Parent, E))
            Candidates.push_back({Parent, &E});
    if (Candidates.empty())
      break;
    if (Depth + 1 > Limits.maxDepth) {
      TooDeep = Candidates.size();
      FirstTooDeep = Candidates.front().Parent->entryLocation(*Candidates.front().Entry).displayPath();
      break;
    }
    std::vector<Candidate> Admitted;
    for (const Candidate &C : Candidates) {
      if (Opened >= Limits.maxNestedArchives) {
        ++OverCount;
        continue;
      }
      std::uint64_t Size = C.Entry->size;
      if (Size > Limits.maxNestedArchiveBytes || Bytes + Size > Limits.maxNestedTotalBytes) {
        if (OverBudget++ == 0)
          FirstOverBudget = C.Parent->entryLocation(*C.Entry).displayPath();
        continue;
      }
      ++Opened;
      Bytes += Size;
      Admitted.push_back(C);
    }
    std::vector<std::unique_ptr<ZipPackage>> Children(Admitted.size());
    parallelFor(Admitted.size(), Jobs, [&](std::size_t I) {
      const ZipPackage &Parent = *Admitted[I].Parent;
      const PackageEntry &E = *Admitted[I].Entry;
      auto Child = std::make_unique<ZipPackage>();
      Child->origin = Package::Origin::NestedArchive;
      Child->location = Parent.entryLocation(E);
      Child->anchor = Parent.anchor; // findings point at the archive on disk, which exists in the repository
      Child->depth = Parent.depth + 1;
      Child->archiveBytes = E.size;
      Child->Parent = &Parent;
      Child->SourceEntry = E;
      std::string Error;
      auto Data = std::make_shared<std::string>();
      Data->reserve(static_cast<std::size_t>(E.size));
      auto R = Parent.open(E, Error);
      if (!R || !R->readAll(*Data, E.size)) {
        Child->unreadable = "cannot inflate nested archive: " + (R ? R->error() : Error);
      } else {
        Child->Buffer = std::move(Data);
        openArchive(*Child, Limits);
      }
      Children[I] = std::move(Child);
    });
    // This level's bytes have served to open the next; only one level of
    // inflated archives is held at a time.
    for (ZipPackage *Done : Level)
      Done->releaseBytes();
    Level.clear();
    for (auto &Child : Children) {
      if (!Child->unreadable)
        Level.push_back(Child.get());
      Out.push_back(std::move(Child));
    }
  }

  if (TooDeep)
    Root.violations.push_back({LimitViolation::Kind::NestingDepth, "",
                               plural(TooDeep, "archive is", "archives are") + " nested more than " +
                                   std::to_string(Limits.maxDepth) + " levels deep (first: " + FirstTooDeep +
                                   "); they were not opened (" + describeLimit(Limits, "archive-depth") + ")"});
  if (OverCount)
    Root.violations.push_back({LimitViolation::Kind::NestedArchives, "",
                               "more than " + std::to_string(Limits.maxNestedArchives) +
                                   " archives are nested in it; at least " + plural(OverCount, "more was", "more were") +
                                   " not opened (" + describeLimit(Limits, "nested-archives") + ")"});
  if (OverBudget) {
    InputProblem P;
    P.level = Level::Warning;
    P.location = Root.location;
    P.message = plural(OverBudget, "nested archive was", "nested archives were") +
                " not opened: inflating them would pass the memory limit for nested archives (" +
                describeLimit(Limits, "nested-archive-bytes") + " each, " +
                describeLimit(Limits, "nested-total-bytes") + " in all; first: " + FirstOverBudget + ")";
    Problems.push_back(std::move(P));
  }
}

/// Loads \p Root and everything nested in it into \p Out: the root first,
/// then nested archives by member chain.
void loadTree(std::unique_ptr<ZipPackage> Root, const ResourceLimits &Limits, unsigned Jobs,
              std::vector<std::unique_ptr<Package>> &Out, std::vector<InputProblem> &Problems) {
  std::vector<std::unique_ptr<Package>> Nested;
  if (openArchive(*Root, Limits))
    loadNestedLevels(*Root, Limits, Jobs, Nested, Problems);
  for (auto &P : Nested) {
    static_cast<ZipPackage &>(*P).releaseBytes();
    if (P->unreadable) // said here; package/unreadable judges only what a runtime loads
      Problems.push_back({Level::Note, P->location,
                          "nested archive cannot be read: " + *P->unreadable + "; its contents were not checked"});
  }
  Root->closeHandles();
  std::sort(Nested.begin(), Nested.end(),
            [](const auto &A, const auto &B) { return A->location.members < B->location.members; });
  Out.push_back(std::move(Root));
  for (auto &P : Nested)
    Out.push_back(std::move(P));
}

} // namespace

void loadZipPackages(const std::string &AbsolutePath, const std::string &RelativePath,
                     const ResourceLimits &Limits, unsigned Jobs,
                     std::vector<std::unique_ptr<Package>> &Out,
                     std::vector<InputProblem> &Problems) {
  auto Pkg = std::make_unique<ZipPackage>();
  Pkg->origin = Package::Origin::DiskArchive;
  Pkg->location.path = RelativePath;
  Pkg->anchor = Pkg->location;
  Pkg->FilePath = AbsolutePath;
  struct stat St;
  if (::stat(AbsolutePath.c_str(), &St) == 0)
    Pkg->archiveBytes = static_cast<std::uint64_t>(St.st_size);
  loadTree(std::move(Pkg), Limits, Jobs, Out, Problems);
}

void loadZipPackagesFromBuffer(std::shared_ptr<const std::string> Bytes, const Location &Where,
                               const ResourceLimits &Limits, unsigned Jobs,
                               std::vector<std::unique_ptr<Package>> &Out,
                               std::vector<InputProblem> &Problems) {
  auto Pkg = std::make_unique<ZipPackage>();
  Pkg->origin = Where.members.empty() ? Package::Origin::DiskArchive : Package::Origin::NestedArchive;
  Pkg->location = Where;
  Pkg->anchor = Where;
  Pkg->anchor.members.clear();
  Pkg->archiveBytes = Bytes->size();
  Pkg->Buffer = std::move(Bytes);
  loadTree(std::move(Pkg), Limits, Jobs, Out, Problems);
}

} // namespace fnlint
