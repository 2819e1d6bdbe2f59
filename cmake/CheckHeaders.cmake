# check-headers: compiles every header under src/ on its own (a header must
# include what it uses). Not part of `all`; `.ci/run` builds it.
file(GLOB_RECURSE STRATUS_HEADERS RELATIVE ${PROJECT_SOURCE_DIR}/src
     CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*.h)
set(_stubs)
foreach(header ${STRATUS_HEADERS})
  string(MAKE_C_IDENTIFIER "${header}" _id)
  set(_stub ${CMAKE_BINARY_DIR}/check_headers/${_id}.cc)
  if(NOT EXISTS ${_stub})
    file(WRITE ${_stub} "#include \"${header}\"\n")
  endif()
  list(APPEND _stubs ${_stub})
endforeach()
add_library(stratus_check_headers OBJECT EXCLUDE_FROM_ALL ${_stubs})
target_include_directories(stratus_check_headers PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(stratus_check_headers PRIVATE fmt::fmt nlohmann_json::nlohmann_json
                      Boost::headers SQLite::SQLite3)
if(TARGET GTest::gtest)
  target_link_libraries(stratus_check_headers PRIVATE GTest::gtest)
endif()
if(TARGET PkgConfig::MARIADB)  # The MySQL connector's test fixture includes <mysql.h>.
  target_link_libraries(stratus_check_headers PRIVATE PkgConfig::MARIADB)
endif()
stratus_set_warnings(stratus_check_headers)
add_custom_target(check-headers DEPENDS stratus_check_headers)
