# Writes OUT, a header defining ARSHJUL_GIT_REVISION as the git revision of the source tree SRC
# (`git describe --always --dirty`), or as "" when SRC is not a git checkout or git is missing.
# Run at every build (cli/CMakeLists.txt); the file is rewritten only when the revision
# changed, so only what includes it is compiled again.
execute_process(
  COMMAND git -C "${SRC}" describe --always --dirty --abbrev=12
  OUTPUT_VARIABLE revision
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET
  RESULT_VARIABLE failed)
if(failed)
  set(revision "")
endif()
set(text "// Made by cmake/revision.cmake at build time.\n#define ARSHJUL_GIT_REVISION \"${revision}\"\n")
set(old "")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
