// SPDX-License-Identifier: Apache-2.0
#include "server/privileges.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace baseline::server {

core::Result<bool> drop_privileges(const std::string& user) {
  errno = 0;
  const passwd* entry = getpwnam(user.c_str());
  if (!entry) return core::make_error("--user: no user named '" + user + "'");
  const uid_t uid = entry->pw_uid;
  const gid_t gid = entry->pw_gid;
  if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
    return core::make_error("--user: cannot become '" + user + "': " + std::strerror(errno));
  }
  // Make sure there is no way back.
  if (uid != 0 && setuid(0) == 0) return core::make_error("--user: could regain root");
  return true;
}

}  // namespace baseline::server
