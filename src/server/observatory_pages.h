// SPDX-License-Identifier: Apache-2.0
// The account's observatory pages (observatory_pages.cc): /lists, /lists/{id}/…, /scans/{id}…,
// and the public /public/{token}.
#pragma once

#include "server/web_front.h"

namespace baseline::server {

void add_observatory_routes(RouteTable& routes, WebFront& front);

}  // namespace baseline::server
