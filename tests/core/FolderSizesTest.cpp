//===- tests/core/FolderSizesTest.cpp - The treemap's folder tree -----------===//
#include "core/FolderSizes.h"

#include <gtest/gtest.h>

#include <map>

using namespace fnlint;

namespace {

PackageEntry file(std::string Path, std::uint64_t Size) {
  PackageEntry E;
  E.path = std::move(Path);
  E.size = Size;
  return E;
}

std::map<std::string, Inventory::PackageInfo::Folder> byPath(const std::vector<Inventory::PackageInfo::Folder> &V) {
  std::map<std::string, Inventory::PackageInfo::Folder> M;
  for (const auto &F : V)
    M[F.path] = F;
  return M;
}

TEST(FolderSizes, AggregatesBytesOwnBytesAndFilesPerFolder) {
  PackageEntry Dir;
  Dir.path = "lib";
  Dir.type = PackageEntry::Type::Directory;
  std::vector<PackageEntry> Entries{file("index.js", 10), file("lib/a.js", 100), file("lib/util/b.js", 1000),
                                    file("lib/util/c.js", 1), Dir, file("/abs//x.txt", 5)};
  auto Folders = folderSizes(Entries);
  ASSERT_FALSE(Folders.empty());
  EXPECT_EQ(Folders[0].path, "");
  EXPECT_EQ(Folders[0].bytes, 1116u);
  EXPECT_EQ(Folders[0].ownBytes, 10u);
  EXPECT_EQ(Folders[0].files, 5u);
  auto M = byPath(Folders);
  EXPECT_EQ(M["lib"].bytes, 1101u);
  EXPECT_EQ(M["lib"].ownBytes, 100u);
  EXPECT_EQ(M["lib"].files, 3u);
  EXPECT_EQ(M["lib/util"].bytes, 1001u);
  EXPECT_EQ(M["lib/util"].ownBytes, 1001u);
  EXPECT_EQ(M["abs"].bytes, 5u); // empty components dropped
  EXPECT_EQ(Folders.size(), 4u);
  // Largest first, a parent before its children.
  EXPECT_EQ(Folders[1].path, "lib");
  EXPECT_EQ(Folders[2].path, "lib/util");
  EXPECT_EQ(Folders[3].path, "abs");
}

TEST(FolderSizes, DepthCapCountsDeeperFilesInTheAncestorAtTheCap) {
  std::vector<PackageEntry> Entries{file("a/b/c/d/e.txt", 7)};
  auto M = byPath(folderSizes(Entries, {2, 100}));
  ASSERT_EQ(M.size(), 3u); // "", a, a/b
  EXPECT_EQ(M["a/b"].bytes, 7u);
  EXPECT_EQ(M["a/b"].ownBytes, 0u); // left-out folders are (other), not own files
  EXPECT_EQ(M.count("a/b/c"), 0u);
}

TEST(FolderSizes, NodeCapKeepsTheLargestAndNeverOrphansAFolder) {
  // 100,000 files in 10,000 packages: the tree stays within the cap.
  std::vector<PackageEntry> Entries;
  for (int P = 0; P < 10000; ++P)
    for (int F = 0; F < 10; ++F)
      Entries.push_back(file("node_modules/pkg" + std::to_string(P) + "/lib/f" + std::to_string(F) + ".js",
                             static_cast<std::uint64_t>(P % 97 + 1)));
  auto Folders = folderSizes(Entries, {8, 50});
  ASSERT_EQ(Folders.size(), 50u);
  std::uint64_t Total = 0;
  for (const auto &E : Entries)
    Total += E.size;
  EXPECT_EQ(Folders[0].path, "");
  EXPECT_EQ(Folders[0].bytes, Total);
  EXPECT_EQ(Folders[1].path, "node_modules");
  EXPECT_EQ(Folders[1].bytes, Total);
  auto M = byPath(Folders);
  for (std::size_t I = 1; I < Folders.size(); ++I) {
    const auto &F = Folders[I];
    std::size_t Cut = F.path.rfind('/');
    std::string Parent = Cut == std::string::npos ? "" : F.path.substr(0, Cut);
    ASSERT_EQ(M.count(Parent), 1u) << F.path;
    EXPECT_LE(F.bytes, M[Parent].bytes);
    EXPECT_LE(Folders[I].bytes, Folders[I - 1].bytes);
  }
  // The same input gives the same tree.
  auto Again = folderSizes(Entries, {8, 50});
  for (std::size_t I = 0; I < Folders.size(); ++I)
    EXPECT_EQ(Again[I].path, Folders[I].path);
}

TEST(FolderSizes, SaturatesInsteadOfWrapping) {
  std::vector<PackageEntry> Entries{file("a/x", UINT64_MAX), file("a/y", 5)};
  auto M = byPath(folderSizes(Entries));
  EXPECT_EQ(M[""].bytes, UINT64_MAX);
  EXPECT_EQ(M["a"].bytes, UINT64_MAX);
}

} // namespace
