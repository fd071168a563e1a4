//===- scanner/Shard.h - One machine's part of a fleet scan -----*- C++ -*-===//
//
// `--shard K/N` splits the discovered files into configuration units and keeps
// the units whose hash falls in shard K. A unit is the shallowest folder that
// holds a configuration file (YAML/JSON: a template, serverless.yml, Terraform
// or IAM JSON) directly, with everything below it; a file with no such folder
// above it is a unit of its own. So an application's template, its code
// folder and its built archives stay together. The assignment depends only on
// the units' paths relative to the scan root (FNV-1a 64 of the path, modulo
// N) and on which units templates join (a template whose CodeUri leaves its
// folder, aws CLI outputs naming a function declared elsewhere): every machine of a fleet computes the same partition, whatever the
// order, time or host. docs/fleet-scans.md has the details.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

struct DiscoveredFile;

struct ShardSpec {
  unsigned index = 1; ///< 1-based: 1..count
  unsigned count = 1; ///< 1: no sharding
  bool active() const { return count > 1; }
};

/// Parses "K/N" (1 <= K <= N). On failure returns false with a message that
/// says what was wrong and what is expected.
bool parseShard(std::string_view Text, ShardSpec &Out, std::string &Error);

/// The configuration unit of every file, in the order of \p Files.
std::vector<std::string> shardUnits(const std::vector<DiscoveredFile> &Files);

/// The shard (1-based) a unit belongs to among \p Count.
unsigned shardOfUnit(std::string_view Unit, unsigned Count);

/// Two paths whose units must land in the same shard: a template and the code
/// it deploys (a file or a folder), or a file attaching settings to a
/// function (aws CLI outputs, by name) and the file declaring it.
struct ShardLink {
  std::string from, to;
};

/// Which of \p Files (sorted by path) belong to \p Shard: units joined by
/// \p Links form one group, hashed by its smallest unit path.
std::vector<bool> selectShard(const std::vector<DiscoveredFile> &Files, const ShardSpec &Shard,
                              const std::vector<ShardLink> &Links = {});

} // namespace fnlint
