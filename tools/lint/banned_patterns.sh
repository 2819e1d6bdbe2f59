#!/usr/bin/env bash
# Rejects patterns the conventions ban. A line may opt out with
# `// STRATUS_LINT_ALLOW(reason)`.
set -uo pipefail
cd "$(git rev-parse --show-toplevel)"
status=0
check() {  # check DESCRIPTION REGEX PATHSPEC... (matches are failures)
  local description="$1" regex="$2"; shift 2
  local hits
  # Comment lines and opted-out lines do not count.
  hits=$(git grep -nE "$regex" -- "$@" | grep -v 'STRATUS_LINT_ALLOW' |
         grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true)
  if [ -n "$hits" ]; then
    echo "banned: $description"; echo "$hits"; status=1
  fi
}
check "std::cout/cerr outside cli/ and main.cc" 'std::(cout|cerr)' 'src/*.cc' 'src/*.h' ':!src/cli/*' ':!src/main.cc' ':!*_test.cc'
check "system clock or rand outside base/" 'system_clock::now|std::rand\(|[^a-zA-Z_]rand\(\)' 'src/*' ':!src/base/*'
check "sleep_for outside base/ and tests" 'sleep_for' 'src/*' ':!src/base/*' ':!*_test.cc'
check "raw new/delete" '(^|[^_a-zA-Z])(new [A-Za-z_:<>]+[({]|delete (\[\] )?[a-z_]+;)' 'src/*.cc' 'src/*.h' ':!*_test.cc' ':!src/aws/model/embedded_*'
check "using namespace in headers" '^using namespace' 'src/*.h'
check "std::views pipelines" 'std::views::' 'src/*'
exit $status
