#include "infrastructure/process/subprocess.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace shopme::process {

bool running_as_root() { return geteuid() == 0; }

Outcome run(const std::vector<std::string>& argv_in, const std::optional<std::string>& as_user) {
  std::vector<std::string> argv;
  if (as_user && running_as_root()) {
    argv = {"runuser", "-u", *as_user, "--"};
  }
  argv.insert(argv.end(), argv_in.begin(), argv_in.end());

  // Output goes to an unlinked temporary file, not a pipe: pg_ctl leaves a server running, and a
  // pipe inherited by it would never reach end-of-file.
  char tmpl[] = "/tmp/shopme-proc-XXXXXX";
  const int out_fd = mkstemp(tmpl);
  if (out_fd < 0) throw std::system_error(errno, std::generic_category(), "mkstemp");
  unlink(tmpl);

  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) {
    close(out_fd);
    throw std::system_error(errno, std::generic_category(), "fork");
  }
  if (pid == 0) {
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    dup2(out_fd, 1);
    dup2(out_fd, 2);
    if (chdir("/") != 0) _exit(126);
    execvp(cargv[0], cargv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) break;
  }
  Outcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  lseek(out_fd, 0, SEEK_SET);
  char buf[4096];
  ssize_t got = 0;
  while ((got = read(out_fd, buf, sizeof buf)) > 0) outcome.output.append(buf, static_cast<std::size_t>(got));
  close(out_fd);
  return outcome;
}

}  // namespace shopme::process
