#pragma once
#include <optional>
#include <string>
#include <vector>

namespace shopme::process {

struct Outcome {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs argv[0] (absolute path or found on PATH) and waits. With `as_user`, the program runs as that
// unprivileged user through runuser(1); this is how a root process drives PostgreSQL, which refuses
// to run as root. The child starts in "/" so that a caller's private working directory does not
// matter to it.
Outcome run(const std::vector<std::string>& argv, const std::optional<std::string>& as_user = std::nullopt);

bool running_as_root();

}  // namespace shopme::process
