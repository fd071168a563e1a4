//===- analyzers/handler/cpp/VirtualHeaders.cpp - Embedded SDK headers ----===//
//
// fnlint ships declaration-only stand-ins for the headers a Lambda handler
// includes (include/aws/lambda-runtime/runtime.h, later the common SDK
// clients). They are embedded at build time (EmbedHeaders.cmake writes
// EmbeddedHeaders.inc) and shown to Clang through an in-memory file system laid
// over the real one, so handlers parse without the SDK installed.
//
//===----------------------------------------------------------------------===//
#include "HelperSupport.h"

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace fnlint_cpp {

namespace {
struct EmbeddedHeader {
  const char *Path; ///< relative to VirtualIncludeDir
  const char *Text;
};

const EmbeddedHeader Embedded[] = {
#include "EmbeddedHeaders.inc"
};
} // namespace

std::vector<std::string> embeddedHeaderNames() {
  std::vector<std::string> Names;
  for (const EmbeddedHeader &H : Embedded)
    Names.emplace_back(H.Path);
  return Names;
}

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
makeOverlayFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> *MemoryOut) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Memory(new llvm::vfs::InMemoryFileSystem);
  for (const EmbeddedHeader &H : Embedded) {
    llvm::SmallString<128> Path(VirtualIncludeDir);
    llvm::sys::path::append(Path, llvm::sys::path::Style::posix, H.Path);
    // The texts live in the binary for its whole life: no copy needed.
    Memory->addFile(Path, /*ModificationTime=*/0,
                    llvm::MemoryBuffer::getMemBuffer(H.Text, Path, /*RequiresNullTerminator=*/true));
  }
  // The stand-in directory must exist before the preprocessor is told to search it.
  Memory->addFile(llvm::Twine(StandInDir) + "/.fnlint", 0, llvm::MemoryBuffer::getMemBuffer(""));
  if (MemoryOut)
    *MemoryOut = Memory;
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> Overlay(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  Overlay->pushOverlay(Memory);
  return Overlay;
}

} // namespace fnlint_cpp
