// SPDX-License-Identifier: Apache-2.0
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

  // Calls visit(value) for every value of the longest stored prefix that covers `key`, in one
  // walk; returns that prefix's length, or -1 when none covers it.
  template <class Visit>
  int for_each_at_longest(const IpPrefix& key, Visit&& visit) const {
    std::uint32_t node = root(key.family());
    std::uint32_t best = kNone;
    int best_depth = -1;
    for (int depth = 0;; ++depth) {
      const Node& n = nodes_[node];
      if (n.first_value != kNone) {
        best = node;
        best_depth = depth;
      }
      if (depth == key.length()) break;
      node = n.child[key.bit(depth)];
      if (node == 0) break;
    }
    if (best != kNone) {
      for (std::uint32_t v = nodes_[best].first_value; v != kNone; v = values_[v].next) {
        visit(values_[v].value);
      }
    }
    return best_depth;
  }

  // Re-lays nodes out in depth-first order (a node's subtree is contiguous, its first child
  // follows it) and each node's values next to each other, so that lookups touch fewer cache
  // lines. Call once after the last insert; lookups give the same answers.
  void compact() {
    std::vector<Node> nodes;
    std::vector<Slot> values;
    nodes.reserve(nodes_.size());
    values.reserve(values_.size());
    nodes.resize(2);
    // Explicit stack of (old index, new index); children are pushed right first.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stack{{1, 1}, {0, 0}};
    while (!stack.empty()) {
      auto [old_index, new_index] = stack.back();
      stack.pop_back();
      const Node& old = nodes_[old_index];
      Node fresh;
      std::uint32_t previous = kNone;
      for (std::uint32_t v = old.first_value; v != kNone; v = values_[v].next) {
        values.push_back(Slot{values_[v].value, kNone});
        const auto here = static_cast<std::uint32_t>(values.size() - 1);
        if (previous == kNone) {
          fresh.first_value = here;
        } else {
          values[previous].next = here;
        }
        previous = here;
      }
      std::uint32_t children[2] = {0, 0};
      for (int b = 0; b < 2; ++b) {
        if (old.child[b] != 0) {
          children[b] = static_cast<std::uint32_t>(nodes.size());
          nodes.push_back(Node{});
          if (b == 0) stack.emplace_back(old.child[0], children[0]);
        }
      }
      // Pre-order: child 0 is visited next; give it the slot right after its parent's allocation.
      if (children[1] != 0)
        stack.insert(stack.end() - (children[0] != 0 ? 1 : 0), {old.child[1], children[1]});
      fresh.child[0] = children[0];
      fresh.child[1] = children[1];
      nodes[new_index] = fresh;
    }
    nodes_ = std::move(nodes);
    values_ = std::move(values);
  }

  std::size_t prefix_count() const { return prefixes_; }
  std::size_t value_count() const { return values_.size(); }
  std::size_t memory_bytes() const {
    return nodes_.capacity() * sizeof(Node) + values_.capacity() * sizeof(Slot);
  }
  void shrink_to_fit() { compact(); }  // exact-size vectors, cache-friendly order

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
