#!/usr/bin/env bash
# The test job: set up, lint, then run the whole test suite (slow tests included).
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow" -x
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/setup.sh
source "$ROOT/scripts/setup.sh" dev
cd "$ROOT"

say "Linting"
ruff check .
ruff format --check .

say "Running the tests"
status=0
python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "error: pytest collected no tests; that is a failure, not a pass." >&2
  exit 1
fi
exit "$status"
