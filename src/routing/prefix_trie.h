// PrefixTrie<Value>: a binary trie from IP prefixes to lists of values, IPv4 and IPv6 side by side.
// It answers "every stored prefix that covers this prefix or address" by walking the key's bits
// from the root, so a lookup costs at most 32 (IPv4) or 128 (IPv6) steps whatever the table size.
// Nodes and values live in two flat vectors addressed by 32-bit indices: about 12 bytes per node
// and sizeof(Value) + 4 per value, no per-node allocation. Not thread-safe for writers; any number
// of readers may share a trie that is no longer written.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "routing/ip_prefix.h"

namespace baseline::routing {

template <class Value>
class PrefixTrie {
 public:
  PrefixTrie() { nodes_.resize(2); }  // the IPv4 root (0) and the IPv6 root (1)

  // Adds `value` at `prefix` unless `same(existing, value)` holds for a value already stored
  // there; returns whether it was added.
  template <class Same>
  bool insert(const IpPrefix& prefix, const Value& value, Same same) {
    std::uint32_t node = root(prefix.family());
    for (int i = 0; i < prefix.length(); ++i) {
      const int b = prefix.bit(i);
      std::uint32_t next = nodes_[node].child[b];
      if (next == 0) {
        if (nodes_.size() >= kNone) throw std::length_error("prefix trie is full");
        next = static_cast<std::uint32_t>(nodes_.size());
        nodes_.push_back(Node{});
        nodes_[node].child[b] = next;
      }
      node = next;
    }
    for (std::uint32_t v = nodes_[node].first_value; v != kNone; v = values_[v].next) {
      if (same(values_[v].value, value)) return false;
    }
    if (nodes_[node].first_value == kNone) ++prefixes_;
    if (values_.size() >= kNone) throw std::length_error("prefix trie is full");
    values_.push_back(Slot{value, nodes_[node].first_value});
    nodes_[node].first_value = static_cast<std::uint32_t>(values_.size() - 1);
    return true;
  }

  // Calls visit(length, value) for every value stored at a prefix that covers `key` (including
  // `key` itself), shortest prefix first.
  template <class Visit>
  void for_each_covering(const IpPrefix& key, Visit&& visit) const {
    std::uint32_t node = root(key.family());
    for (int depth = 0;; ++depth) {
      const Node& n = nodes_[node];
      for (std::uint32_t v = n.first_value; v != kNone; v = values_[v].next) {
        visit(depth, values_[v].value);
      }
      if (depth == key.length()) return;
      node = n.child[key.bit(depth)];
      if (node == 0) return;
    }
  }

  std::size_t prefix_count() const { return prefixes_; }
  std::size_t value_count() const { return values_.size(); }
  std::size_t memory_bytes() const {
    return nodes_.capacity() * sizeof(Node) + values_.capacity() * sizeof(Slot);
  }
  void shrink_to_fit() {
    nodes_.shrink_to_fit();
    values_.shrink_to_fit();
  }

 private:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  struct Node {
    std::uint32_t child[2] = {0, 0};  // 0: none (the roots are never children)
    std::uint32_t first_value = kNone;
  };
  struct Slot {
    Value value;
    std::uint32_t next;
  };
  static std::uint32_t root(IpFamily family) { return family == IpFamily::kIpv4 ? 0 : 1; }

  std::vector<Node> nodes_;
  std::vector<Slot> values_;
  std::size_t prefixes_ = 0;
};

}  // namespace baseline::routing
