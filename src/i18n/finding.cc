// SPDX-License-Identifier: Apache-2.0
#include "i18n/finding.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "i18n/i18n.h"

namespace baseline::i18n {
namespace {

// A finding's text cut into literal pieces and {placeholders}.
struct Piece {
  bool placeholder = false;
  std::string text;  // the literal, or the placeholder's name
};

struct Template {
  std::string msgid;
  std::vector<Piece> pieces;
  std::size_t literal_size = 0;  // how specific it is: more literal text wins a tie
};

using Captures = std::vector<std::pair<std::string, std::string>>;

Template parse_template(std::string_view msgid) {
  Template t{std::string(msgid), {}, 0};
  std::size_t at = 0;
  while (at < msgid.size()) {
    const auto open = msgid.find('{', at);
    const auto close = open == std::string_view::npos ? open : msgid.find('}', open);
    if (close == std::string_view::npos) {
      t.pieces.push_back({false, std::string(msgid.substr(at))});
      break;
    }
    if (open > at) t.pieces.push_back({false, std::string(msgid.substr(at, open - at))});
    t.pieces.push_back({true, std::string(msgid.substr(open + 1, close - open - 1))});
    at = close + 1;
  }
  for (const auto& p : t.pieces) {
    if (!p.placeholder) t.literal_size += p.text.size();
  }
  return t;
}

const std::vector<Template>& templates() {
  static const std::vector<Template> table = [] {
    std::vector<Template> out;
    for (auto msgid : finding_templates()) out.push_back(parse_template(msgid));
    return out;
  }();
  return table;
}

bool is_phrase(std::string_view name) {
  return std::find(std::begin(kPhraseArguments), std::end(kPhraseArguments), name) !=
         std::end(kPhraseArguments);
}

// Does text[pos..] match pieces[i..]? A placeholder takes the shortest non-empty text after
// which the rest matches.
bool match(const std::vector<Piece>& pieces, std::size_t i, std::string_view text, std::size_t pos,
           Captures& captures) {
  if (i == pieces.size()) return pos == text.size();
  const auto& piece = pieces[i];
  if (!piece.placeholder) {
    if (text.substr(pos).substr(0, piece.text.size()) != piece.text) return false;
    return match(pieces, i + 1, text, pos + piece.text.size(), captures);
  }
  if (i + 1 == pieces.size()) {
    if (pos >= text.size()) return false;
    captures.emplace_back(piece.text, std::string(text.substr(pos)));
    return true;
  }
  // Two placeholders in a row cannot be told apart: such a text is never a finding's template.
  if (pieces[i + 1].placeholder) return false;
  const auto& next = pieces[i + 1].text;
  for (auto end = text.find(next, pos + 1); end != std::string_view::npos;
       end = text.find(next, end + 1)) {
    captures.emplace_back(piece.text, std::string(text.substr(pos, end - pos)));
    if (match(pieces, i + 1, text, end, captures)) return true;
    captures.pop_back();
  }
  return false;
}

std::string translate_text(std::string_view text, int depth);

// The translation of `t` with the captured facts put back in.
std::string render(const Template& t, const Captures& captures, int depth) {
  const std::string translated = tr(t.msgid);
  std::string out;
  std::size_t at = 0;
  while (at < translated.size()) {
    const auto open = translated.find('{', at);
    const auto close = open == std::string::npos ? open : translated.find('}', open);
    if (close == std::string::npos) {
      out += translated.substr(at);
      break;
    }
    out += translated.substr(at, open - at);
    const auto name = translated.substr(open + 1, close - open - 1);
    const auto found = std::find_if(captures.begin(), captures.end(),
                                    [&](const auto& c) { return c.first == name; });
    if (found == captures.end()) {
      out += translated.substr(open, close - open + 1);
    } else {
      out += is_phrase(name) ? translate_text(found->second, depth + 1) : found->second;
    }
    at = close + 1;
  }
  return out;
}

// The best template for the whole of `text`: the most literal text wins.
const Template* recognise(std::string_view text, Captures& captures) {
  const Template* best = nullptr;
  for (const auto& t : templates()) {
    if (best != nullptr && t.literal_size <= best->literal_size) continue;
    Captures found;
    if (match(t.pieces, 0, text, 0, found)) {
      best = &t;
      captures = std::move(found);
    }
  }
  return best;
}

// Findings are joined with "; ", but a fact may contain "; " too (a Content-Type with its
// charset). So the text is cut at every "; ", and from each piece on the shortest run of pieces
// that is one finding is translated; a piece that starts none stays as it is.
std::string translate_text(std::string_view text, int depth) {
  constexpr std::size_t kMaxPiecesPerFinding = 4;
  if (depth > 8 || text.empty()) return std::string(text);
  std::vector<std::string_view> pieces;
  for (std::size_t at = 0;;) {
    const auto end = text.find("; ", at);
    pieces.push_back(text.substr(at, end == std::string_view::npos ? end : end - at));
    if (end == std::string_view::npos) break;
    at = end + 2;
  }
  std::string out;
  for (std::size_t i = 0; i < pieces.size();) {
    if (!out.empty()) out += "; ";
    std::size_t used = 0;
    for (std::size_t n = 1; n <= kMaxPiecesPerFinding && i + n <= pieces.size(); ++n) {
      const auto first = pieces[i].data() - text.data();
      const auto last = pieces[i + n - 1].data() + pieces[i + n - 1].size() - text.data();
      const auto run = text.substr(first, last - first);
      Captures captures;
      if (const auto* t = recognise(run, captures)) {
        out += render(*t, captures, depth);
        used = n;
        break;
      }
    }
    if (used == 0) {
      out += pieces[i];
      used = 1;
    }
    i += used;
  }
  return out;
}

}  // namespace

std::string translate_finding(std::string_view summary) {
  if (language() == "en") return std::string(summary);
  return translate_text(summary, 0);
}

}  // namespace baseline::i18n
