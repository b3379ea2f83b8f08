#!/usr/bin/env bash
# What a newcomer meets in the first hour: mistakes answered (message and exit status), one type
# per field, a JSON Lines corpus's own fields, correlated filters, CSV for spreadsheets, aligned
# help. Usage: newcomer_test.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
SPLIT="$BUILD/rpt-split"
TAG="$BUILD/rpt-tag"
EXTRACT="$BUILD/rpt-extract"
AGG="$BUILD/rpt-aggregate"
WORK=$(mktemp -d /tmp/rpt_newcomer_test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$SRC"
unset RPT_PATTERNS

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# check NAME WANT_STATUS 'STDERR TEXT' CMD...: the exit status and a line of stderr.
check() {
  local name=$1 want=$2 text=$3
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    bad "$name" "exit status $got, expected $want" "stderr: $(head -c 600 "$WORK/err")"
  elif [ -n "$text" ] && ! grep -qF -- "$text" "$WORK/err"; then
    bad "$name" "stderr lacks: $text" "stderr: $(head -c 600 "$WORK/err")"
  else
    ok "$name"
  fi
}

"$SPLIT" --quiet testdata/seeds >"$WORK/seg.jsonl"
"$TAG" --quiet "$WORK/seg.jsonl" >"$WORK/tagged.jsonl"

# --- unknown tags ------------------------------------------------------------------------------
check "tag --filter unknown tag: warning with the nearest" 0 \
  "rpt tag: warning: --filter 纠纷.复仪: no pack defines this tag, so no record can match it (nearest known tag: 纠纷.复议)" \
  "$TAG" --filter 纠纷.复仪 "$WORK/seg.jsonl"
[ -s "$WORK/out" ] && bad "tag --filter unknown tag: no output" "$(wc -l <"$WORK/out") records"
check "tag --filter unknown tag --strict: exit 2" 2 \
  "rpt tag: --filter 纠纷.复仪: no pack defines this tag" \
  "$TAG" --strict --filter 纠纷.复仪 "$WORK/seg.jsonl"
check "tag --filter known family and sub-topic: no warning" 0 "" \
  "$TAG" --strict --filter 纠纷,执法.三项制度 "$WORK/seg.jsonl"
[ -s "$WORK/err" ] && bad "tag --filter known: silent" "$(cat "$WORK/err")"
check "tag --filter a -t tag: known" 0 "" \
  "$TAG" --strict --replace -e 告知承诺 -t 新主题.告知 --filter 新主题 "$WORK/seg.jsonl"
check "tag -t unknown family: warning with the nearest" 0 \
  "-t 职熊.告知承诺: no pack has the tag family 职熊; the rule makes a new one (nearest known tag: 职能" \
  "$TAG" -e 告知承诺 -t 职熊.告知承诺 "$WORK/seg.jsonl"
check "tag -t unknown family --strict: exit 2" 2 "-t 职熊.告知承诺: no pack has the tag family 职熊" \
  "$TAG" --strict -e 告知承诺 -t 职熊.告知承诺 "$WORK/seg.jsonl"
check "tag -t a new sub-topic of a known family: no warning" 0 "" \
  "$TAG" --strict -e 告知承诺 -t 职能.告知承诺 "$WORK/seg.jsonl"
check "tag --quiet silences the warning" 0 "" "$TAG" --quiet --filter 纠纷.复仪 "$WORK/seg.jsonl"
[ -s "$WORK/err" ] && bad "tag --quiet" "$(cat "$WORK/err")"

# No packs where the patterns are: no mention of a --replace nobody gave.
mkdir -p "$WORK/nopacks/tag"
check "tag without packs, no --replace: names the directory" 2 "no tag packs in $WORK/nopacks/tag" \
  "$TAG" --patterns "$WORK/nopacks" "$WORK/seg.jsonl"
grep -q -- --replace "$WORK/err" && bad "tag without packs: no --replace in the message" "$(cat "$WORK/err")"
check "tag --replace without packs: says what --replace needs" 2 "--replace needs --patterns FILE.pack" \
  "$TAG" --replace "$WORK/seg.jsonl"

# --- paths no record had -------------------------------------------------------------------------
check "aggregate --where on a path no record had: warning with the nearest" 0 \
  "rpt aggregate: warning: --where doc.yaer>=2018: no record had the path doc.yaer (nearest path the records had: doc.year)" \
  "$AGG" --where 'doc.yaer>=2018' --count "$WORK/seg.jsonl"
[ "$(cat "$WORK/out")" = "[]" ] || bad "aggregate unseen --where: empty result" "$(head -3 "$WORK/out")"
check "aggregate --by on a path no record had: warning with the nearest" 0 \
  "--by doc.regoin.name: no record had the path doc.regoin.name (nearest path the records had: doc.region.name)" \
  "$AGG" --by doc.regoin.name --count "$WORK/seg.jsonl"
check "aggregate --by through an array, mistyped" 0 "(nearest path the records had: tags[])" \
  "$AGG" --by 'tag[]' --count "$WORK/tagged.jsonl"
check "aggregate paths every record has: no warning" 0 "" \
  "$AGG" --where 'doc.year>=2018' --by 'doc.region.name,seg.path[0]' --count "$WORK/seg.jsonl"
[ -s "$WORK/err" ] && bad "aggregate known paths: silent" "$(cat "$WORK/err")"
check "aggregate: a path some records have is no mistake" 0 "" \
  "$AGG" --where seg.heading --count "$WORK/seg.jsonl"
[ -s "$WORK/err" ] && bad "aggregate seg.heading: silent" "$(cat "$WORK/err")"

# --- mistyped flags ------------------------------------------------------------------------------
check "aggregate --coutn: did you mean --count" 2 "Did you mean --count (not --coutn)?" "$AGG" --coutn "$WORK/seg.jsonl"
check "split --uint: did you mean --unit" 2 "Did you mean --unit (not --uint)?" "$SPLIT" --uint doc testdata/seeds
check "tag --fliter=X: did you mean --filter" 2 "Did you mean --filter (not --fliter)?" "$TAG" --fliter=纠纷 "$WORK/seg.jsonl"
check "extract --tpyes: did you mean --types" 2 "Did you mean --types (not --tpyes)?" "$EXTRACT" --tpyes date "$WORK/seg.jsonl"
check "a flag like none: no guess" 2 "Run 'rpt aggregate --help'" "$AGG" --zzzzzzzz "$WORK/seg.jsonl"
grep -q "Did you mean" "$WORK/err" && bad "no guess for --zzzzzzzz" "$(cat "$WORK/err")"

# --- one type per field --------------------------------------------------------------------------
"$EXTRACT" --quiet "$WORK/seg.jsonl" >"$WORK/facts.jsonl"
types=$(jq -r '.facts[] | select(has("value")) | "\(.type) \(.value | type)"' "$WORK/facts.jsonl" | sort -u | tr '\n' ' ')
[ "$types" = "change number indicator number quantity number " ] && ok "facts: value is a number, only on quantity/change/indicator" ||
  bad "facts: value types" "$types"
got=$(jq -c '.facts[] | select(.type == "date" and .text == "2024年4月9日") | [.date, .year, .month, .day, has("value")]' "$WORK/facts.jsonl" | head -1)
[ "$got" = '["2024-04-09",2024,4,9,false]' ] && ok "date fact: ISO in date" || bad "date fact" "$got"
got=$(jq -c '.facts[] | select(.type == "period") | [.date, .start, .end]' "$WORK/facts.jsonl" | grep 2021/2025 | head -1)
[ "$got" = '["2021/2025","2021","2025"]' ] && ok "period fact: ISO interval in date" || bad "period fact" "$got"

# --- a JSON Lines record's own fields ------------------------------------------------------------
printf '%s\n' '{"title":"某县2023年法治政府建设情况报告","url":"https://example.org/a/1.html","date":"2024/3/5 10:00","year":"2023","content":"一、主要工作\n全年办理行政复议案件12件。"}' \
  '{"title":"第二份","content":"二、存在的问题\n有的工作还不够到位。"}' >"$WORK/corpus.jsonl"
got=$("$SPLIT" --quiet --unit doc --text-field content "$WORK/corpus.jsonl" | jq -c '.doc | [.title, .url, .date, .year, .meta.title]')
want='["某县2023年法治政府建设情况报告","https://example.org/a/1.html","2024-03-05",2023,"某县2023年法治政府建设情况报告"]
["第二份",null,null,null,"第二份"]'
[ "$got" = "$want" ] && ok "JSON Lines title, url, date, year become doc fields" || bad "JSON Lines doc fields" "$got"

# --- correlated filters --------------------------------------------------------------------------
printf '%s\n' '{"doc":{"year":2020},"facts":[{"metric":"A","value":1,"stance":"target"},{"metric":"B","value":2,"stance":"result"},{"metric":"B","value":5,"stance":"target"}]}' \
  '{"doc":{"year":2021},"facts":[{"metric":"A","value":3}]}' '{"doc":{"year":2022}}' >"$WORK/rows.jsonl"
got=$("$AGG" --where facts[].metric=B --by doc.year --first 'facts[].value' --count --format jsonl "$WORK/rows.jsonl")
[ "$got" = '{"doc.year":2020,"count":2,"first(facts[].value)":2}' ] &&
  ok "where facts[] with a reducer on facts[]: the same element" || bad "correlated where + reducer" "$got"
got=$("$AGG" --where facts[].metric=B --where facts[].stance=target --by doc.year --max 'facts[].value' --format jsonl "$WORK/rows.jsonl")
[ "$got" = '{"doc.year":2020,"max(facts[].value)":5}' ] &&
  ok "two wheres on facts[]: both on the same element" || bad "correlated wheres" "$got"
got=$("$AGG" --where facts[].metric=A --by 'facts[].stance' --count --format jsonl "$WORK/rows.jsonl" | tr '\n' ' ')
[ "$got" = '{"facts[].stance":null,"count":1} {"facts[].stance":"target","count":1} ' ] &&
  ok "where facts[] with --by facts[]: filters the rows" || bad "correlated where + by" "$got"
got=$("$AGG" --where facts[].metric=B --count --format jsonl "$WORK/rows.jsonl")
[ "$got" = '{"count":1}' ] && ok "where facts[] alone: counts records" || bad "record-level where" "$got"

# --- CSV for spreadsheets, help alignment ---------------------------------------------------------
"$AGG" --by doc.region.name --count --format csv --bom "$WORK/seg.jsonl" >"$WORK/bom.csv"
[ "$(head -c 3 "$WORK/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
  [ "$(sed -n 1p "$WORK/bom.csv" | tail -c +4)" = $'doc.region.name,count\r' ] &&
  ok "--format csv --bom" || bad "--bom" "$(head -c 40 "$WORK/bom.csv" | od -c | head -3)"
check "--bom with md: usage error" 2 "--bom goes with --format csv or tsv" "$AGG" --bom --format md "$WORK/seg.jsonl"
for tool in split tag extract aggregate; do
  "$BUILD/rpt-$tool" --help >"$WORK/help" 2>&1
  cols=$(python3 -c '
import re, sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(  -.*?\S)(\s{2,})\S", line.rstrip("\n"))
    if m: cols.add(w(m.group(1)) + len(m.group(2)))
print(" ".join(map(str, sorted(cols))))' "$WORK/help")
  [ "$(echo "$cols" | wc -w)" -eq 1 ] && ok "rpt $tool --help: one description column ($cols)" ||
    bad "rpt $tool --help: description columns" "$cols"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
