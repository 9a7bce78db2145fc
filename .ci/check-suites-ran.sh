#!/usr/bin/env bash
# Fails when a suite that needs an outside part (Node, PostgreSQL, Chromium) ran no test or skipped any.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=target/surefire-reports
status=0
while read -r pattern label; do
  [ -z "$pattern" ] && continue
  files=$(ls $reports/TEST-*${pattern}*.xml 2>/dev/null || true)
  if [ -z "$files" ]; then
    echo "ci: the $label suite did not run (no report matching *$pattern*)"; status=1; continue
  fi
  tests=0; skipped=0
  for f in $files; do
    # counted from the test cases: the suite's own attributes say 0 for a class whose tests are all @Nested
    t=$(grep -c '<testcase ' "$f" || true); s=$(grep -c '<skipped' "$f" || true)
    tests=$((tests + ${t:-0})); skipped=$((skipped + ${s:-0}))
  done
  if [ "$tests" -eq 0 ] || [ "$skipped" -ne 0 ]; then
    echo "ci: the $label suite ran $tests tests and skipped $skipped"; status=1
  else
    echo "ci: the $label suite ran $tests tests"
  fi
done < .ci/required-suites
exit $status
