# cmake -DBINARY=arshjul -DFAULTS=arshjul_faults -P no_fault_hooks.cmake
# The shipped binary holds none of the fault hooks' variable names (engine/faults.hpp); the test
# build does, which shows the search would find them.
foreach(exe IN ITEMS BINARY FAULTS)
  file(STRINGS ${${exe}} hits REGEX "ARSHJUL_FAULT_")
  list(LENGTH hits n_${exe})
endforeach()
if(NOT n_BINARY EQUAL 0)
  message(FATAL_ERROR "${BINARY} contains a fault hook: ${hits}")
endif()
if(n_FAULTS EQUAL 0)
  message(FATAL_ERROR "${FAULTS} has no fault hook: the search finds nothing")
endif()
