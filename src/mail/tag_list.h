// SPDX-License-Identifier: Apache-2.0
// The tag=value list syntax shared by DKIM key records (RFC 6376 §3.2), DMARC (RFC 7489 §6.4) and
// TLS-RPT (RFC 8460 §3): "tag = value" pairs separated by ';', whitespace around them ignored.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace baseline::mail {

using TagList = std::vector<std::pair<std::string, std::string>>;  // tag lower-cased, in order

// Fails on an empty tag, a tag that is not ALPHA *ALNUMPUNC, a pair without '=', or a repeated tag.
core::Result<TagList> parse_tag_list(std::string_view text);

std::string trim(std::string_view text);
std::string lowercase(std::string_view text);

}  // namespace baseline::mail
