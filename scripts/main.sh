#!/usr/bin/env bash
# The main job: set up, prepare the real datasets, build the course site, release the
# exercises and grade the bundled sample class against its documented scores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/setup.sh
source "$ROOT/scripts/setup.sh" instructor
cd "$ROOT"

say "Preparing the datasets (offline, checksummed)"
clinic data prepare
clinic data list

say "Building the course site"
clinic book build

say "Releasing the exercises (nbgrader generate_assignment: solutions/ -> exercises/)"
clinic release

say "Grading the sample class (each notebook jailed, scored outside it, on the real data)"
clinic grade --submissions examples/sample-class --workdir _build/grading --timeout 60 \
    --expected examples/sample-class/expected-scores.csv
clinic feedback --workdir _build/grading
clinic export --workdir _build/grading

say "Done"
echo "Course site:    $ROOT/_build/html/index.html"
echo "Class summary:  $ROOT/_build/grading/summary.md"
echo "Feedback pages: $ROOT/_build/grading/feedback/<student>/<exercise>/exercise.html"
echo "Grade exports:  $ROOT/_build/grading/exports/ (nbgrader, per question, Canvas)"
echo "Gradebook:      $ROOT/_build/grading/gradebook.db"
