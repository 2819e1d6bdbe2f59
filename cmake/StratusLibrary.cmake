# stratus_add_library(NAME sqs SOURCES a.cc b.cc DEPS stratus::base [PUBLIC_DEPS ...])
# Creates the static library stratus_<NAME> and its alias stratus::<NAME>.
function(stratus_add_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;PUBLIC_DEPS" ${ARGN})
  add_library(stratus_${ARG_NAME} STATIC ${ARG_SOURCES})
  add_library(stratus::${ARG_NAME} ALIAS stratus_${ARG_NAME})
  target_include_directories(stratus_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_features(stratus_${ARG_NAME} PUBLIC cxx_std_20)
  target_link_libraries(stratus_${ARG_NAME} PRIVATE ${ARG_DEPS} PUBLIC ${ARG_PUBLIC_DEPS})
  stratus_set_warnings(stratus_${ARG_NAME})
endfunction()

# stratus_add_test(NAME sqs SOURCES a_test.cc DEPS stratus::sqs)
# Builds stratus_<NAME>_tests and registers its cases with ctest (label unit, prefix <NAME>.).
function(stratus_add_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  if(NOT STRATUS_BUILD_TESTS)
    return()
  endif()
  add_executable(stratus_${ARG_NAME}_tests ${ARG_SOURCES})
  target_link_libraries(stratus_${ARG_NAME}_tests PRIVATE ${ARG_DEPS} stratus::testing GTest::gmock_main)
  stratus_set_warnings(stratus_${ARG_NAME}_tests)
  # Tests are named "<library>.<Suite>.<Case>": `ctest -R '^sqs\.'` runs one library.
  gtest_discover_tests(stratus_${ARG_NAME}_tests
    TEST_PREFIX "${ARG_NAME}."
    PROPERTIES LABELS unit
    DISCOVERY_MODE PRE_TEST)
endfunction()
