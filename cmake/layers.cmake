# The layers of arshjul: the one table of which folder may include which.
#
# Lowest first. A folder may include (#include "folder/...") its own headers and those of the
# folders before it, never one after it: web/ includes nothing of cli/, and no lower layer
# includes web/ or cli/. tests/, bench/ and fuzz/ may include any layer; no layer includes
# them. A new library is a new folder in this list, at its place; the root CMakeLists.txt adds
# the folders in this order.
set(ARSHJUL_LAYERS dsl engine pictures present notify web lsp cli)
set(ARSHJUL_FREE_FOLDERS tests bench fuzz)

# Known wrong includes, "file:header", let through by name (none: keep it that way).
set(ARSHJUL_LAYER_EXCEPTIONS)

find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(ARSHJUL_CHECK_LAYERS ${CMAKE_CURRENT_LIST_DIR}/check_layers.py)

# arshjul_check_layers(TARGET name ROOT dir FOLDERS folder...)
#
# Adds the target `name` (part of ALL) that checks every #include "x/..." of the sources under
# ROOT/folder against the table above, one build step per folder, rerun only when a file of
# that folder (or the table) changed. A wrong include stops the build with a located message:
#   web/server.cpp:12: web/ may not include cli/common.hpp (layers: dsl < engine < ... < cli)
# Make the libraries depend on `name` so that building any of them runs the check first.
function(arshjul_check_layers)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;ROOT" "FOLDERS")
  arshjul_layer_arguments(table)
  # Ninja makes an output's folder, Unix Makefiles do not (fuzz/run.sh's build-fuzz).
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/${arg_TARGET})
  set(stamps)
  foreach(folder IN LISTS arg_FOLDERS)
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS
         ${arg_ROOT}/${folder}/*.cpp ${arg_ROOT}/${folder}/*.hpp ${arg_ROOT}/${folder}/*.h)
    list(FILTER sources EXCLUDE REGEX "/node_modules/")
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${arg_TARGET}/${folder}.ok)
    add_custom_command(
      OUTPUT ${stamp}
      COMMAND ${Python3_EXECUTABLE} ${ARSHJUL_CHECK_LAYERS} --root ${arg_ROOT} ${table} ${folder}
      COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
      DEPENDS ${sources} ${ARSHJUL_CHECK_LAYERS} ${CMAKE_CURRENT_FUNCTION_LIST_FILE}
      COMMENT "Checking the includes of ${folder}/ against the layers"
      VERBATIM)
    list(APPEND stamps ${stamp})
  endforeach()
  add_custom_target(${arg_TARGET} ALL DEPENDS ${stamps})
endfunction()

# The table above as arguments of check_layers.py, in `out`.
function(arshjul_layer_arguments out)
  string(JOIN " " layers ${ARSHJUL_LAYERS})
  string(JOIN " " free ${ARSHJUL_FREE_FOLDERS})
  set(args --layers ${layers} --free ${free})
  foreach(exception IN LISTS ARSHJUL_LAYER_EXCEPTIONS)
    list(APPEND args --allow ${exception})
  endforeach()
  set(${out} ${args} PARENT_SCOPE)
endfunction()
