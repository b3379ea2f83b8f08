#!/usr/bin/env bash
# -j N (issue #13): every tool's output at -j 2 and -j 3 equals its output at -j 1, byte for byte —
# stdout, stderr (warnings, rejects with file:line, counts, in the same order), the --rejects file,
# split's --dropped file and the exit status — on the seeds, on inputs with bad files and bad
# lines mixed in, and on the national corpus (skipped with a message when ../shared is absent).
# RPT_BATCH_BYTES makes the record tools cut these small inputs into many batches, so records,
# rejects and unreadable inputs fall in different batches on different threads.
# Usage: parallel_test.sh BUILD_DIR SOURCE_DIR
set -u -o pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
SPLIT="$BUILD/rpt-split" TAG="$BUILD/rpt-tag" EXTRACT="$BUILD/rpt-extract" AGG="$BUILD/rpt-aggregate"
W=$(mktemp -d /tmp/rpt_parallel.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$SRC"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# run J DIR CMD…: CMD with -j J, its stdout, stderr, exit status and side files (--rejects and
# --dropped write into DIR) kept in DIR.
run() {
  local j=$1 d=$2
  shift 2
  mkdir -p "$d"
  (cd "$d" && "$@" -j "$j" >out 2>err; echo $? >status)
}

# same NAME MIN_RECORDS CMD…: CMD at -j 2 and -j 3 gives what it gives at -j 1, file for file;
# and -j 1 wrote at least MIN_RECORDS records (so an empty run cannot pass for an equal one).
same() {
  local name=$1 min=$2
  shift 2
  rm -rf "$W/j1" "$W/j2" "$W/j3"
  run 1 "$W/j1" "$@"
  local n why=()
  n=$(wc -l <"$W/j1/out")
  [ "$n" -ge "$min" ] || why+=("-j 1 wrote $n records, expected at least $min")
  for j in 2 3; do
    run "$j" "$W/j$j" "$@"
    for f in "$W"/j1/*; do
      cmp -s "$f" "$W/j$j/$(basename "$f")" ||
        why+=("-j $j: $(basename "$f") differs: $(diff "$f" "$W/j$j/$(basename "$f")" | head -3 | tr '\n' ' ' | head -c 300)")
    done
  done
  if [ ${#why[@]} -eq 0 ]; then ok "$name ($n records)"; else bad "$name" "${why[@]}"; fi
}

# --- inputs ---------------------------------------------------------------------------------------
# Report files with bad ones among them: an empty file, a binary file, a file that is not there, a
# duplicate (for --dedup), a page with furniture (for --dropped).
mkdir -p "$W/in/reports"
cp testdata/seeds/*.txt testdata/pages/news-site.html "$W/in/reports/"
cp testdata/seeds/001_4a1aa1e4e1059d3a.txt "$W/in/reports/009_copy.txt"
: >"$W/in/reports/005_empty.txt"
printf 'PK\003\004\000\000\001\002binary\000\000' >"$W/in/reports/006_binary.txt"
REPORTS=("$W/in/reports" "$W/in/missing.txt" "$SRC/testdata/seeds/002_98210664a6f5ccdc.txt")
"$SPLIT" --quiet testdata/seeds >"$W/in/seg.jsonl"
# Records with bad lines spread through them: not JSON, an array, no text field, a text that is
# not a string, invalid UTF-8, blank lines.
awk '{ print } NR % 97 == 0 { print "{not json" } NR % 151 == 0 { print "[1,2]" }
     NR % 173 == 0 { print "{\"seg\":{}}" } NR % 211 == 0 { print "{\"text\":42}" }
     NR % 89 == 0 { print "" } NR % 263 == 0 { printf "{\"text\":\"\377\"}\n" }' \
  "$W/in/seg.jsonl" >"$W/in/mixed.jsonl"
records=$(wc -l <"$W/in/seg.jsonl")
# Line ends of every kind where batches are cut: a byte order mark, "\r\n" and lone "\r" ends, lines
# longer than --max-line (one longer than a batch, one shorter), no newline at the end.
{
  printf '\357\273\277'
  awk 'NR == 40 { printf "{\"text\":\"%030000d\"}\n", 0 } NR == 90 { printf "{\"text\":\"%06000d\"}\r\n", 0 }
       NR % 5 == 0 { printf "%s\r\n", $0; next } NR % 7 == 0 { printf "%s\r", $0; next } { print }' \
    "$W/in/seg.jsonl"
  printf '{"text":"最后一行没有换行。"}'
} >"$W/in/ends.jsonl"
export RPT_BATCH_BYTES=20000

# --- rpt split ------------------------------------------------------------------------------------
same "split: seeds" "$records" "$SPLIT" "$SRC/testdata/seeds"
same "split: bad files, --dedup, --dropped, --rejects" 500 \
  "$SPLIT" --dedup --dropped dropped.jsonl --rejects rejects.jsonl "${REPORTS[@]}"
same "split: --unit paragraph" 100 "$SPLIT" --unit paragraph "$SRC/testdata/seeds"
same "split: --unit doc" 5 "$SPLIT" --unit doc --dedup "${REPORTS[@]}"
# A JSON Lines file of reports is cut into batches of lines across the workers: bad lines (not
# JSON, no text field, a text that is not a string, invalid UTF-8, one too long), blank lines, CRLF
# endings, a duplicate for --dedup and a missing file keep their file:line and their order.
"$SPLIT" --quiet --unit doc testdata/seeds | jq -c '{id: .doc.id, content: .text}' >"$W/in/docs.jsonl"
awk '{ print } NR == 1 { print "{not json" } NR == 2 { print ""; printf "{\"content\":\"\377\"}\n" }
     NR == 3 { print "{\"title\":\"no text\"}"; printf "%s\r\n", $0 } NR == 4 { print "{\"content\":7}" }
     NR == 4 { printf "{\"content\":\"%0300000d\"}\n", 0 }' "$W/in/docs.jsonl" >"$W/in/docs-mixed.jsonl"
same "split: JSON Lines in batches, bad lines, --dedup, --rejects" 500 \
  "$SPLIT" --text-field content --dedup --max-line 200000 --rejects rejects.jsonl \
  "$W/in/docs-mixed.jsonl" "$W/in/missing.jsonl" "$W/in/docs.jsonl"

# --- rpt tag --------------------------------------------------------------------------------------
same "tag: seeds" "$records" "$TAG" "$W/in/seg.jsonl"
same "tag: bad lines, a missing input, --rejects, --counts, --explain" "$records" \
  "$TAG" --counts --explain --rejects rejects.jsonl "$W/in/mixed.jsonl" "$W/in/missing.jsonl" "$W/in/seg.jsonl"
same "tag: --filter" 50 "$TAG" --filter 执法,纠纷 --counts "$W/in/mixed.jsonl"
same "tag: stdin" "$records" sh -c "exec \"$TAG\" \"\$@\" <\"$W/in/mixed.jsonl\"" tag
same "tag: line ends, a byte order mark, lines too long" "$records" \
  "$TAG" --max-line 5000 --rejects rejects.jsonl "$W/in/ends.jsonl" "$W/in/seg.jsonl"
long=$(grep -c "line longer than 5000 bytes" "$W/j1/err")
if [ "$long" -eq 2 ]; then ok "tag: both long lines reported"; else
  bad "tag: both long lines reported" "$long reported: $(head -3 "$W/j1/err")"; fi

# --- rpt extract ----------------------------------------------------------------------------------
same "extract: seeds" "$records" "$EXTRACT" "$W/in/seg.jsonl"
same "extract: bad lines, a missing input, --rejects, --explain" "$records" \
  "$EXTRACT" --explain --rejects rejects.jsonl "$W/in/mixed.jsonl" "$W/in/missing.jsonl"
same "extract: --explode --types quantity" 100 "$EXTRACT" --explode --types quantity "$W/in/mixed.jsonl"

# --- rpt aggregate --------------------------------------------------------------------------------
"$TAG" --quiet "$W/in/seg.jsonl" | "$EXTRACT" --quiet >"$W/in/facts.jsonl"
same "aggregate: every reducer, by an exploded array" 10 \
  "$AGG" --by 'facts[].unit' --count --sum 'facts[].value' --mean 'facts[].value' --min seg.n \
  --max seg.n --distinct doc.id --approx-distinct text --top 'tags[]:5' --percentiles seg.n \
  --values seg.para:3 --first text --last text --format jsonl "$W/in/facts.jsonl"
same "aggregate: bad lines, --rejects, --where, numbers that are not" 2 \
  "$AGG" --rejects rejects.jsonl --where 'doc.year>=2021' --by doc.type --sum text --max seg.path \
  --format jsonl "$W/in/mixed.jsonl" "$W/in/missing.jsonl"
same "aggregate: a path no record had (the nearest named)" 1 \
  "$AGG" --by doc.regoin.name --where seg.nn --count "$W/in/mixed.jsonl"
same "aggregate: --partial" 2 "$AGG" --partial --by 'tags[]' --count --first text "$W/in/facts.jsonl"
same "aggregate: line ends, a byte order mark, lines too long" 2 \
  "$AGG" --max-line 5000 --by seg.para --count --first text --last text --format jsonl "$W/in/ends.jsonl"

# --- the national corpus --------------------------------------------------------------------------
CORPUS=$SRC/../shared/corpora/gwr_national.jsonl
if [ -f "$CORPUS" ]; then
  "$SPLIT" --quiet --text-field content "$CORPUS" >"$W/in/national.jsonl"
  n=$(wc -l <"$W/in/national.jsonl")
  unset RPT_BATCH_BYTES  # real batches (1 MB) on the larger input
  same "split: national corpus" "$n" "$SPLIT" --text-field content "$CORPUS"
  same "tag: national corpus" "$n" "$TAG" --explain "$W/in/national.jsonl"
  same "extract: national corpus" "$n" "$EXTRACT" "$W/in/national.jsonl"
  same "aggregate: national corpus" 10 "$AGG" --by doc.year --count --sum seg.para \
    --percentiles seg.n --first text --format jsonl "$W/in/national.jsonl"
  export RPT_BATCH_BYTES=50000
  same "tag: national corpus, small batches" "$n" "$TAG" --counts "$W/in/national.jsonl"
  same "extract: national corpus, small batches" "$n" "$EXTRACT" "$W/in/national.jsonl"
  same "split: national corpus, small batches" "$n" "$SPLIT" --text-field content "$CORPUS"
else
  echo "skip national corpus: $CORPUS is absent"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
