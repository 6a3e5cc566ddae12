# cmake -DSOURCE=tests/layers -DBUILD=DIR -P expect_failure.cmake
# Configures and builds the fixture tree; passes only when the build fails with exactly the
# located messages below, one per wrong include (and none for the allowed ones).
file(REMOVE_RECURSE ${BUILD})
execute_process(COMMAND ${CMAKE_COMMAND} -G "Unix Makefiles" -S ${SOURCE} -B ${BUILD}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the fixture does not configure:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} -- -k  # every folder, not the first
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "the build passed despite the wrong includes:\n${out}")
endif()
# The order as the one table (cmake/layers.cmake) gives it.
include(${SOURCE}/../../cmake/layers.cmake)
list(JOIN ARSHJUL_LAYERS " < " order)
set(layers "(layers: ${order})")
set(expected
  "dsl/text.hpp:3: dsl/ may not include web/server.hpp ${layers}"
  "engine/engine.cpp:3: engine/ may not include tests/helpers.hpp ${layers}"
  "web/server.cpp:5: web/ may not include cli/common.hpp ${layers}")
foreach(line IN LISTS expected)
  string(FIND "${out}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing from the build's output: ${line}\n--- output:\n${out}")
  endif()
endforeach()
string(REGEX MATCHALL "[a-z]+/[a-z]+\\.[ch]pp:[0-9]+: [a-z]+/ may not include" found "${out}")
list(LENGTH found n)
if(NOT n EQUAL 3)
  message(FATAL_ERROR "expected 3 wrong includes, the build reported ${n}:\n${out}")
endif()
message(STATUS "the wrong includes failed the build, each located")
