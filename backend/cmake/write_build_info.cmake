# Writes the build's commit into build_info.cpp at every build (not only at configure time), so a
# binary and the benchmark results made with it name the commit they come from. The file is
# rewritten only when that changes (the commit, or whether the tree has changes), so an unchanged
# tree does not recompile or relink.
execute_process(COMMAND git rev-parse --short HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE SHOPME_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT SHOPME_GIT_COMMIT)
  set(SHOPME_GIT_COMMIT "unknown")
else()
  # A binary built from a tree with changes not yet committed says so: the commit alone would name
  # code it does not contain (a benchmark of a trial change, for one).
  execute_process(COMMAND git status --porcelain WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE SHOPME_GIT_CHANGES OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(SHOPME_GIT_CHANGES)
    string(APPEND SHOPME_GIT_COMMIT "+changes")
  endif()
endif()
if(EXISTS ${OUT})
  file(READ ${OUT} current)
  string(FIND "${current}" "kCommit = \"${SHOPME_GIT_COMMIT}\"" at)
  if(NOT at EQUAL -1)
    return()
  endif()
endif()
set(PROJECT_VERSION ${VERSION})
string(TIMESTAMP SHOPME_BUILD_TIME "%Y-%m-%dT%H:%M:%SZ" UTC)
configure_file(${TEMPLATE} ${OUT} @ONLY)
