// SPDX-License-Identifier: Apache-2.0
#include "report/html.h"

namespace baseline::report::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string prose(std::string_view text) {
  std::string out;
  bool in_code = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '`') continue;
    const auto piece = escape(text.substr(start, i - start));
    out += in_code ? "<code>" + piece + "</code>" : piece;
    if (i < text.size()) in_code = !in_code;
    start = i + 1;
  }
  return out;
}

std::string_view stylesheet() {
  return R"css(
:root { --met: #1a7f37; --unmet: #b42318; --explained: #8a5a00; --error: #7a3e9d;
        --muted: #5b6470; --line: #d7dce2; --soft: #f4f6f8; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1c2127; margin: 0; background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
p { margin: .35rem 0 .6rem; }
a { color: #0b57d0; }
code { font: .88em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--soft);
       padding: .05em .3em; border-radius: 3px; overflow-wrap: anywhere; }
.domain-name { overflow-wrap: anywhere; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .8rem 0 0;
        color: var(--muted); font-size: .92rem; }
.meta dt { font-weight: 600; color: #1c2127; }
.meta dd { margin: 0; }
.glance { display: grid; grid-template-columns: 12rem 1fr; gap: 1.5rem; margin-top: 1.5rem;
          padding: 1.2rem; border: 1px solid var(--line); border-radius: 10px; background: var(--soft); }
.score { text-align: center; }
.score-number { font-size: 3.4rem; font-weight: 700; line-height: 1; }
.score-of { font-size: 1.2rem; color: var(--muted); }
.score p { font-size: .9rem; color: var(--muted); margin: .4rem 0 0; }
.glance-list { list-style: none; margin: 0; padding: 0; }
.glance-list li { display: grid; grid-template-columns: 14rem 1fr; gap: .8rem; padding: .3rem 0;
                  border-bottom: 1px solid var(--line); align-items: baseline; }
.glance-list li:last-child { border-bottom: 0; }
.glance-list .badge { white-space: normal; justify-self: start; }
.badge { display: inline-block; font-weight: 700; font-size: .82rem; padding: .12rem .55rem;
         border-radius: 999px; color: #fff; white-space: nowrap; }
.badge.met { background: var(--met); } .badge.unmet { background: var(--unmet); }
.badge.explained { background: var(--explained); } .badge.error { background: var(--error); }
.badge.na, .badge.untested { background: #fff; color: var(--muted); border: 1px solid var(--muted); }
.badge.met::before { content: "✓ "; } .badge.unmet::before { content: "✗ "; }
.badge.explained::before { content: "! "; } .badge.error::before { content: "? "; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--unmet); border-radius: 8px;
        padding: 1rem 1.2rem; margin: 0 0 1rem; }
.card.explained { border-left-color: var(--explained); }
.card.error { border-left-color: var(--error); }
.card h3 .badge { margin-left: .5rem; vertical-align: .1em; }
.label { font-weight: 700; }
.explanation { background: #fff6e0; border: 1px solid #e8c66a; padding: .5rem .8rem; border-radius: 6px; }
.fix { background: var(--soft); padding: .6rem .9rem; border-radius: 6px; }
.fix ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.refs { font-size: .92rem; }
.refs ul { margin: .2rem 0 0; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); }
/* The check table's columns get their share up front: left to the browser, the longest finding
   takes the width and check IDs and addresses break every few letters. */
table.checks { table-layout: fixed; }
table.checks th:nth-child(1) { width: 30%; }
table.checks th:nth-child(2) { width: 24%; }
table.checks th:nth-child(3) { width: 11%; }
td.verdict-pass { color: var(--met); font-weight: 600; }
td.verdict-fail { color: var(--unmet); font-weight: 600; }
td.verdict-warn { color: var(--explained); font-weight: 600; }
td.verdict-error { color: var(--error); font-weight: 600; }
.narrative { border: 1px solid var(--line); border-radius: 10px; padding: 1.2rem 1.4rem; margin: 0 0 1.2rem; }
.narrative .finding { font-size: 1.08rem; font-weight: 600; }
.muted, .note { color: var(--muted); font-size: .92rem; }
ol.questions { margin: .3rem 0 .8rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .8rem; }
section.domain + section.domain { margin-top: 3rem; border-top: 4px solid #1c2127; padding-top: 1.5rem; }
@media (max-width: 40rem) {
  .glance, .glance-list li { grid-template-columns: 1fr; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .glance { grid-template-columns: 9rem 1fr; gap: 1rem; }
  .glance-list li { grid-template-columns: 12rem 1fr; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .card, .glance, tr, .glance-list li, .narrative li { break-inside: avoid; page-break-inside: avoid; }
  /* Each decision makers' page starts a printed page (the first follows its heading) and is
     set a little tighter so that it fits on one. */
  .narrative { border: 0; border-radius: 0; padding: 0; font-size: 10pt; }
  .narrative p { margin: .2rem 0 .45rem; }
  .narrative-pages { break-before: page; page-break-before: always; }
  .narrative-pages .narrative + .narrative { break-before: page; page-break-before: always; }
  section.domain + section.domain { break-before: page; page-break-before: always; border-top: 0; }
  .badge, .card, .glance, th, code, .explanation, .fix { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  .refs a[href]::after { content: " <" attr(href) ">"; font-size: .85em; color: var(--muted); overflow-wrap: anywhere; }
  .screen-only { display: none; }
}
)css";
}

}  // namespace baseline::report::html
