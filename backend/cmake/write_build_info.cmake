# Writes the build's commit into build_info.cpp at every build (not only at configure time), so a
# binary and the benchmark results made with it name the commit they come from. The file is
# rewritten only when the commit changes, so an unchanged tree does not recompile or relink.
execute_process(COMMAND git rev-parse --short HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE SHOPME_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT SHOPME_GIT_COMMIT)
  set(SHOPME_GIT_COMMIT "unknown")
endif()
if(EXISTS ${OUT})
  file(READ ${OUT} current)
  if(current MATCHES "kCommit = \"${SHOPME_GIT_COMMIT}\"")
    return()
  endif()
endif()
set(PROJECT_VERSION ${VERSION})
string(TIMESTAMP SHOPME_BUILD_TIME "%Y-%m-%dT%H:%M:%SZ" UTC)
configure_file(${TEMPLATE} ${OUT} @ONLY)
