#!/usr/bin/env bash
# The research question of issue #15, as docs/research.md asks it: every GDP growth target of the
# national government work reports by year, and the result reported a year later. The expected
# table (testdata/research/gdp-growth-2005-2025.tsv) was checked by hand, year by year, against
# the sentences each figure comes from (docs/research.md says how, and what is known to be wrong).
# Usage: tests/research_test.sh BUILD_DIR SOURCE_DIR   (skips when ../shared is absent)
set -euo pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
CORPUS="$SRC/../shared/corpora/gwr_national.jsonl"
if [ ! -f "$CORPUS" ]; then
  echo "research_test: $CORPUS absent: skipped"
  exit 0
fi
PATH="$BUILD:$PATH"
got=$(rpt split --quiet --text-field content "$CORPUS" |
  rpt extract --types indicator --explode |
  rpt aggregate --where fact.metric=国内生产总值增长 --where fact.year --by fact.year,fact.stance \
    --values fact.value --format tsv --sort fact.year |
  awk -F'\t' 'NR == 1 || $1 >= 2005')
if ! diff <(cat "$SRC/testdata/research/gdp-growth-2005-2025.tsv") <(echo "$got"); then
  echo "research_test: GDP growth by year differs from the hand-checked table (< expected, > got)"
  exit 1
fi
rows=$(echo "$got" | tail -n +2 | wc -l)
echo "research_test: GDP growth targets and results 2005-2025: $rows rows as checked by hand"
