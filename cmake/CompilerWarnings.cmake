# Applies the project's warning set (and sanitizers) to a target.
function(stratus_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2 -Wcast-qual -Wundef)
  # GCC 12 reports std::string copies as overlapping memcpy at -O2 (GCC bug
  # 105329, a false positive); the warning is off for that compiler only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(STRATUS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(STRATUS_FUZZ)
    # Coverage for libFuzzer in every stratus target; fuzz targets add the
    # fuzzer's main at link time (fuzz/CMakeLists.txt).
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
                           -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(STRATUS_SANITIZE)
    string(REPLACE ";" "," _san "${STRATUS_SANITIZE}")
    target_compile_options(${target} PRIVATE -fsanitize=${_san} -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${_san})
  endif()
endfunction()
