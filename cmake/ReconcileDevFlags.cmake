# Target reconcile_dev (never installed): what this project's own tests, examples and
# benchmarks compile with on top of reconcile::reconcile. Warnings come from the directory
# options set in the top-level CMakeLists.txt (RECONCILE_WERROR); this adds the sanitizers.
#
#   RECONCILE_SANITIZE=address,undefined  ASan + UBSan, every UBSan report fatal
#   RECONCILE_SANITIZE=thread             TSan (tests/CMakeLists.txt then builds only *_threads*)
add_library(reconcile_dev INTERFACE)

if(RECONCILE_SANITIZE)
  set(_reconcile_san "-fsanitize=${RECONCILE_SANITIZE}" -fno-omit-frame-pointer)
  if(RECONCILE_SANITIZE MATCHES "undefined")
    list(APPEND _reconcile_san -fno-sanitize-recover=all)
  endif()
  target_compile_options(reconcile_dev INTERFACE ${_reconcile_san})
  target_link_options(reconcile_dev INTERFACE ${_reconcile_san})
  message(STATUS "reconcile: sanitizers for tests/examples: ${RECONCILE_SANITIZE}")
endif()

# True when this build is the TSan configuration.
if(RECONCILE_SANITIZE MATCHES "thread")
  set(RECONCILE_TSAN ON)
else()
  set(RECONCILE_TSAN OFF)
endif()

# reconcile_start_first(<test>:<cost> ...): ctest starts the tests with the highest COST
# first. A cold build has no timings of earlier runs, so the long ones are named (cost: their
# seconds under ASan on 2 cores, measured); started last, they would leave a core idle at the
# end of the run. Names not defined in the calling directory are skipped.
function(reconcile_start_first)
  foreach(entry IN LISTS ARGN)
    string(REPLACE ":" ";" entry "${entry}")
    list(GET entry 0 name)
    list(GET entry 1 cost)
    if(TEST ${name})
      set_tests_properties(${name} PROPERTIES COST ${cost})
    endif()
  endforeach()
endfunction()
