#!/usr/bin/env bash
# The bad-input catalogue (issue #11): inputs a hostile or unlucky user feeds the four tools, each
# generated here at test time, each asserting the exit status, the message (with file:line where
# there is a line) and the record accounting: records in = records out + records rejected, with
# the rejects counted in the --rejects file. docs/reliability.md lists the cases.
# Usage: bad_input_test.sh BUILD_DIR SOURCE_DIR
set -u -o pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
SPLIT="$BUILD/rpt-split" TAG="$BUILD/rpt-tag" EXTRACT="$BUILD/rpt-extract" AGG="$BUILD/rpt-aggregate"
W=$(mktemp -d /tmp/rpt_bad_input.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$SRC"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }
lines() { if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi; }

# check NAME STATUS 'MESSAGE' IN OUT REJ CMD… — runs CMD (with --rejects $W/rej appended by the
# caller), then asserts: exit STATUS; stderr has MESSAGE (empty: no check); stdout has OUT records
# (lines), the rejects file REJ; and that IN = OUT + REJ. Every stdout line must be valid JSON.
check() {
  local name=$1 want=$2 msg=$3 in=$4 out=$5 rej=$6
  shift 6
  rm -f "$W/rej" "$W/out" "$W/err"
  "$@" >"$W/out" 2>"$W/err"
  local got=$? gout grej
  gout=$(lines "$W/out")
  grej=$(lines "$W/rej")
  local why=()
  [ "$got" -eq "$want" ] || why+=("exit $got, expected $want")
  [ -z "$msg" ] || grep -qF -- "$msg" "$W/err" || why+=("stderr lacks: $msg")
  [ "$gout" -eq "$out" ] || why+=("$gout records out, expected $out")
  [ "$grej" -eq "$rej" ] || why+=("$grej rejects, expected $rej")
  [ "$in" -eq $((out + rej)) ] || why+=("case is wrong: in $in != $out + $rej")
  if [ -s "$W/out" ] && ! jq -e . "$W/out" >/dev/null 2>&1; then why+=("stdout is not valid JSON"); fi
  if [ -s "$W/rej" ] && ! jq -e . "$W/rej" >/dev/null 2>&1; then why+=("rejects file is not valid JSON"); fi
  if [ ${#why[@]} -eq 0 ]; then ok "$name"; else bad "$name" "${why[@]}" "stderr: $(head -c 400 "$W/err")"; fi
}

R='{"doc":{"id":"d1","type":"annual_report","year":2023},"seg":{"n":1,"path":["一、总体情况"]},"text":"2023年办理行政复议案件120件，同比增长5%。"}'
DEEP=$(python3 -c 'print("{\"text\":\"a\",\"m\":" + "["*100000 + "]"*100000 + "}")')

# --- JSON Lines records into tag, extract and aggregate: each bad line is rejected alone --------
# file contents: a good record, the bad line, a good record (3 in).
jl() { printf '%s\n' "$R" "$1" "$R" >"$W/$2.jsonl"; }
jl '{"text":' trunc
jl '[1,2,3]' array
jl '42' scalar
printf '%s\n\xff\xfe{"text":"x"}\n%s\n' "$R" "$R" >"$W/badutf8.jsonl"
jl '{"text":"a","x":tru}' literal
jl '{"text":"a","x":nulL}' literal2
jl '{"text":"a","x":01}' leadzero
jl '{"text":"a","x":1e400}' bignum
jl '{"text":"a","x":18446744073709551616}' bigint
printf '%s\n{"text":"a\x01b"}\n%s\n' "$R" "$R" >"$W/ctrl.jsonl"
jl '{"text":"a","x":"\ud800"}' surrogate
jl "$DEEP" deep
jl '{"text":"a"} {"text":"b"}' twoobjs
printf '%s\n{"text":"a\0b"}\n%s\n' "$R" "$R" >"$W/nul.jsonl"
for tool in tag extract aggregate; do
  case $tool in tag) T=$TAG ;; extract) T=$EXTRACT ;; aggregate) T=$AGG ;; esac
  if [ $tool = aggregate ]; then
    # aggregate writes groups, not records: count the records it kept with -f jsonl -c.
    run() { "$AGG" -f jsonl --rejects "$W/rej" "$@" | jq -c 'range(.count)|{}'; }
  else
    run() { "$T" --rejects "$W/rej" "$@"; }
  fi
  check "$tool: truncated JSON line" 1 "trunc.jsonl:2:" 3 2 1 run "$W/trunc.jsonl"
  check "$tool: array line" 1 "array.jsonl:2: expected a JSON object" 3 2 1 run "$W/array.jsonl"
  check "$tool: scalar line" 1 "scalar.jsonl:2: expected a JSON object" 3 2 1 run "$W/scalar.jsonl"
  check "$tool: invalid UTF-8 line" 1 "badutf8.jsonl:2: invalid UTF-8" 3 2 1 run "$W/badutf8.jsonl"
  check "$tool: misspelt literal tru" 1 "literal.jsonl:2:" 3 2 1 run "$W/literal.jsonl"
  check "$tool: misspelt literal nulL" 1 "literal2.jsonl:2:" 3 2 1 run "$W/literal2.jsonl"
  check "$tool: number with a leading zero" 1 "leadzero.jsonl:2:" 3 2 1 run "$W/leadzero.jsonl"
  check "$tool: number beyond a double" 1 "bignum.jsonl:2:" 3 2 1 run "$W/bignum.jsonl"
  check "$tool: raw control character" 1 "ctrl.jsonl:2:" 3 2 1 run "$W/ctrl.jsonl"
  check "$tool: lone surrogate" 1 "surrogate.jsonl:2:" 3 2 1 run "$W/surrogate.jsonl"
  check "$tool: 100k-deep nesting" 1 "deep.jsonl:2:" 3 2 1 run "$W/deep.jsonl"
  check "$tool: two objects on a line" 1 "twoobjs.jsonl:2:" 3 2 1 run "$W/twoobjs.jsonl"
  # in: the missing file and the 3 lines of trunc.jsonl
  check "$tool: missing file, others read" 1 "nosuch.jsonl: cannot open" 4 2 2 run "$W/nosuch.jsonl" "$W/trunc.jsonl"
  check "$tool: a directory as input" 1 "is a directory" 1 0 1 run "$W"
  printf '\xef\xbb\xbf%s\n%s\n' "$R" "$R" >"$W/bom.jsonl"
  check "$tool: UTF-8 BOM keeps the first record" 0 "" 2 2 0 run "$W/bom.jsonl"
  printf '%s\r\n%s\r\n' "$R" "$R" >"$W/crlf.jsonl"
  check "$tool: CRLF line ends" 0 "" 2 2 0 run "$W/crlf.jsonl"
  printf '%s\r%s\r%s' "$R" "$R" "$R" >"$W/cr.jsonl"
  check "$tool: CR-only line ends" 0 "" 3 3 0 run "$W/cr.jsonl"
  printf '\n  \n%s\n\t\n\n%s\n\n' "$R" "$R" >"$W/blank.jsonl"
  check "$tool: blank lines are not records" 0 "" 2 2 0 run "$W/blank.jsonl"
  : >"$W/empty.jsonl"
  check "$tool: empty file" 0 "" 0 0 0 run "$W/empty.jsonl"
  printf '%s\n%s' "$R" "$R" >"$W/nonl.jsonl"
  check "$tool: last line without a newline" 0 "" 2 2 0 run "$W/nonl.jsonl"
  printf '%s\n{"text":"%s"}\n%s\n' "$R" "$(head -c 2000 /dev/zero | tr '\0' x)" "$R" >"$W/long.jsonl"
  check "$tool: a line over --max-line rejected alone, the rest read" 1 \
    "long.jsonl:2: byte 166: line longer than 1024 bytes; skipped" 3 2 1 run --max-line 1K "$W/long.jsonl"
  RPT_BATCH_BYTES=100 check "$tool: a line over --max-line at -j 2 in small batches" 1 \
    "long.jsonl:2: byte 166: line longer than 1024 bytes; skipped" 3 2 1 run -j 2 --max-line 1K "$W/long.jsonl"
done
for tool in tag extract; do
  case $tool in tag) T=$TAG ;; extract) T=$EXTRACT ;; esac
  run() { "$T" --rejects "$W/rej" "$@"; }
  jl '{"content":"a"}' notext
  check "$tool: no text field" 1 "notext.jsonl:2: no field \"text\"" 3 2 1 run "$W/notext.jsonl"
  jl '{"text":["a"]}' textarray
  check "$tool: text field not a string" 1 "textarray.jsonl:2: field \"text\" is not a string" 3 2 1 run "$W/textarray.jsonl"
  check "$tool: --text-field names another field" 1 "no field \"body\"" 3 0 3 run --text-field body "$W/trunc.jsonl"
  check "$tool: raw NUL inside the text" 1 "nul.jsonl:2:" 3 2 1 run "$W/nul.jsonl"
done

# --- rpt split: JSON Lines reports whose other fields go into doc.meta ---------------------------
# Each file: a good report, the bad one, a good one. --unit doc: one record out per report.
G='{"text":"关于2023年法治政府建设情况的报告\n一、总体情况\n全面推进依法行政。","title":"报告","src":{"a":[1,2.5,null,true,"s"]}}'
sj() { printf '%s\n' "$G" "$1" "$G" >"$W/s-$2.jsonl"; }
split() { "$SPLIT" --unit doc --rejects "$W/rej" "$@"; }
sj '{"text":"正文。","m":tru}' tru
sj '{"text":"正文。","m":nulL}' null
sj '{"text":"正文。","m":01}' zero
sj '{"text":"正文。","m":1e400}' e400
sj '{"text":"正文。","m":18446744073709551616}' two64
printf '%s\n{"text":"正文。","m":"a\x01b"}\n%s\n' "$G" "$G" >"$W/s-ctrl.jsonl"
sj '{"text":"正文。","m":"\udc00x"}' surrogate
sj "$(python3 -c 'print("{\"text\":\"正文。\",\"m\":" + "["*100000 + "]"*100000 + "}")')" deep
check "split: meta literal tru rejected, not copied" 1 "s-tru.jsonl:2: field \"m\": a misspelt literal" 3 2 1 split "$W/s-tru.jsonl"
check "split: meta literal nulL rejected" 1 "s-null.jsonl:2: field \"m\"" 3 2 1 split "$W/s-null.jsonl"
check "split: meta number 01 rejected" 1 "s-zero.jsonl:2:" 3 2 1 split "$W/s-zero.jsonl"
check "split: meta number 1e400 rejected" 1 "s-e400.jsonl:2: field \"m\": a malformed number or one beyond" 3 2 1 split "$W/s-e400.jsonl"
check "split: meta integer 2^64 rejected or kept valid" 1 "s-two64.jsonl:2: field \"m\"" 3 2 1 split "$W/s-two64.jsonl"
check "split: meta raw control byte rejected" 1 "s-ctrl.jsonl:2:" 3 2 1 split "$W/s-ctrl.jsonl"
check "split: meta lone surrogate rejected" 1 "s-surrogate.jsonl:2:" 3 2 1 split "$W/s-surrogate.jsonl"
check "split: meta 100k-deep nesting rejected" 1 "s-deep.jsonl:2:" 3 2 1 split "$W/s-deep.jsonl"
# the good records' meta is copied whole (values re-serialised, same JSON values)
split "$W/s-tru.jsonl" >"$W/meta.out" 2>/dev/null
if [ "$(jq -c '.doc.meta' "$W/meta.out" | sort -u)" = '{"title":"报告","src":{"a":[1,2.5,null,true,"s"]}}' ]; then
  ok "split: meta values copied faithfully"; else bad "split: meta values copied faithfully" "$(jq -c .doc.meta "$W/meta.out")"; fi
printf '\xef\xbb\xbf%s\n%s\n' "$G" "$G" >"$W/s-bom.jsonl"
check "split: UTF-8 BOM keeps the first JSON Lines report" 0 "" 2 2 0 split "$W/s-bom.jsonl"
printf '%s\r%s\r' "$G" "$G" >"$W/s-cr.jsonl"
check "split: CR-only JSON Lines" 0 "" 2 2 0 split "$W/s-cr.jsonl"
printf '%s\n{"text":"\xff\xfe"}\n' "$G" >"$W/s-bad.jsonl"
check "split: invalid UTF-8 JSON line rejected" 1 "s-bad.jsonl:2: byte" 2 1 1 split "$W/s-bad.jsonl"
if jq -e -s '.[0].raw == null and (.[0].raw_base64 | @base64d | length) > 0' "$W/rej" >/dev/null 2>&1 &&
   [ "$(jq -r .raw_base64 "$W/rej" | base64 -d | od -An -tx1 | tr -d ' \n')" = "$(printf '{"text":"\xff\xfe"}' | od -An -tx1 | tr -d ' \n')" ]; then
  ok "split: --rejects keeps bytes that are not UTF-8 (base64)"; else bad "split: --rejects keeps raw bytes" "$(cat "$W/rej")"; fi
printf '{"title":"x"}\n' >"$W/s-notext.jsonl"
check "split: JSON Lines report without text" 1 "s-notext.jsonl:1: no field \"text\"" 1 0 1 split "$W/s-notext.jsonl"
printf '{"text":"正文\\u0000。"}\n' >"$W/s-nul.jsonl"
check "split: NUL in the text field" 1 "s-nul.jsonl:1: field \"text\" contains a NUL" 1 0 1 split "$W/s-nul.jsonl"

# --- rpt split: report files --------------------------------------------------------------------
printf '关于2023年法治政府建设情况的报告\n一、总体情况\n第二\xff行。\n二、存在问题\n还有不足。\n' >"$W/badbyte.txt"
check "split: a bad byte is replaced, the report kept" 0 "badbyte.txt:3: byte 72: 1 bad byte sequence(s) replaced" 1 1 0 split "$W/badbyte.txt"
check "split: --strict rejects a report with a bad byte" 1 "badbyte.txt:3: byte 72: invalid UTF-8" 1 0 1 split --strict "$W/badbyte.txt"
check "split: --strict with --lossy is a usage error" 2 "contradict" 0 0 0 split --strict --lossy "$W/badbyte.txt"
printf '报告标题\r一、总体情况\r第一段。\r二、问题\r第二段。\r' >"$W/cr.txt"
if "$SPLIT" --unit paragraph "$W/cr.txt" 2>/dev/null | jq -r .text | grep -qx '第二段。'; then
  ok "split: CR-only text file read as lines"; else bad "split: CR-only text file read as lines" "$("$SPLIT" --unit paragraph "$W/cr.txt" 2>&1 | head -3)"; fi
printf 'a\0b\n' >"$W/nul.txt"
check "split: NUL bytes (binary) rejected" 1 "nul.txt:1: byte 1: NUL byte" 1 0 1 split "$W/nul.txt"
: >"$W/empty.txt"
check "split: empty file warns" 0 "empty.txt: empty file" 0 0 0 split "$W/empty.txt"
printf '\xff\xfe\x00' >"$W/short16.txt"
check "split: a UTF-16 BOM with an odd byte" 1 "short16.txt" 1 0 1 split --strict "$W/short16.txt"
check "split: missing file" 1 "nosuch.txt: cannot open" 1 0 1 split "$W/nosuch.txt"
printf '%s\n{"text":"%s"}\n%s\n' "$G" "$(head -c 2000 /dev/zero | tr '\0' x)" "$G" >"$W/s-long.jsonl"
check "split: a JSON Lines report over --max-line rejected alone" 1 \
  "s-long.jsonl:2: byte 158: line longer than 1024 bytes; skipped" 3 2 1 split --max-line 1K "$W/s-long.jsonl"

# --- -o and --rejects: never replace a FIFO, a symlink or a device ------------------------------
mkfifo "$W/fifo"
check "-o FIFO refused" 1 "fifo: is a FIFO" 0 0 0 "$SPLIT" --unit doc -o "$W/fifo" "$W/badbyte.txt"
[ -p "$W/fifo" ] && ok "-o FIFO left in place" || bad "-o FIFO left in place"
ln -s "$W/target.jsonl" "$W/link.jsonl"
check "-o symlink refused" 1 "link.jsonl: is a symbolic link" 0 0 0 "$TAG" -o "$W/link.jsonl" "$W/bom.jsonl"
[ -L "$W/link.jsonl" ] && ok "-o symlink left in place" || bad "-o symlink left in place"
check "--rejects symlink refused" 1 "is a symbolic link" 0 0 0 "$EXTRACT" --rejects "$W/link.jsonl" "$W/bom.jsonl"
check "-o device refused" 1 "is a device" 0 0 0 "$AGG" -o /dev/full "$W/bom.jsonl"
(cat "$W/fifo" >"$W/fifo.out" &)
check "--write-through writes into a FIFO" 0 "" 0 0 0 "$SPLIT" --unit doc --write-through -o "$W/fifo" "$W/badbyte.txt"
sleep 0.2
[ "$(grep -c . "$W/fifo.out")" -eq 1 ] && ok "--write-through: the record came out of the FIFO" || bad "--write-through FIFO" "$(cat "$W/fifo.out")"
check "-o /dev/null is written through" 0 "" 0 0 0 "$TAG" -o /dev/null "$W/bom.jsonl"

# --- rpt aggregate: partial results check themselves --------------------------------------------
printf '{"k":"a","v":1}\n{"k":"b","v":2}\n{"k":"c","v":3}\n' >"$W/recs.jsonl"
"$AGG" --partial -b k --sum v "$W/recs.jsonl" >"$W/p.partial"
merge() { "$AGG" --merge -b k --sum v "$@"; }
check "aggregate: a whole partial merges" 0 "" 3 3 0 merge -f jsonl "$W/p.partial"
head -n 3 "$W/p.partial" >"$W/cut.partial"
check "aggregate: partial cut at a line boundary refused" 1 "cut.partial:3: partial file cut short: 2 of 3 group lines" 0 0 0 merge "$W/cut.partial"
sed 's/{"i":3}/{"i":4}/' "$W/p.partial" >"$W/edit.partial"
check "aggregate: edited partial refused" 1 "checksum of its group lines does not match" 0 0 0 merge "$W/edit.partial"
cat "$W/p.partial" "$W/p.partial" >"$W/twice.partial"
check "aggregate: two partials concatenated refused" 1 "twice.partial:5:" 0 0 0 merge "$W/twice.partial"
sed '1s/"rpt_aggregate_partial":2/"rpt_aggregate_partial":1/' "$W/p.partial" >"$W/v1.partial"
check "aggregate: other partial version refused" 1 "v1.partial:1: partial file of format version 1; this rpt aggregate reads version 2" 0 0 0 merge "$W/v1.partial"
check "aggregate: partial of another aggregation refused" 1 "partial result of a different aggregation" 0 0 0 "$AGG" --merge -b k --mean v "$W/p.partial"
sed '1s/"by":/"bye":/' "$W/p.partial" >"$W/noby.partial"
check "aggregate: partial header without by refused (found by fuzz_partial)" 1 "noby.partial:1: bad header" 0 0 0 merge "$W/noby.partial"
head -c 40 "$W/p.partial" >"$W/mid.partial"
check "aggregate: partial cut mid-header refused" 1 "mid.partial:1:" 0 0 0 merge "$W/mid.partial"
printf '{"k":"a","v":1.5e308}\n{"k":"a","v":1.5e308}\n{"k":"b","v":-1.5e308}\n{"k":"b","v":-1.5e308}\n' >"$W/huge.jsonl"
check "aggregate: overflowing sum written as JSON rpt reads" 0 "" 2 2 0 "$AGG" -f jsonl -b k --sum v "$W/huge.jsonl"
if [ "$(jq -c '.["sum(v)"]' "$W/out" | tr '\n' ' ')" = '"inf" "-inf" ' ] &&
   "$AGG" -f jsonl --rejects "$W/rej2" "$W/out" >/dev/null 2>&1; then
  ok "aggregate: inf sums read back by rpt"; else bad "aggregate: inf sums read back" "$(cat "$W/out")"; fi
printf '{"k":"a","v":"1e400"}\n{"k":"a","v":1}\n' >"$W/strnum.jsonl"
check "aggregate: a number beyond a double is skipped and counted, not clamped" 0 "" 1 1 0 "$AGG" -f jsonl -b k --sum v "$W/strnum.jsonl"
[ "$(jq -c '.["sum(v)"]' "$W/out")" = 1 ] && ok "aggregate: 1e400 not summed as 1.797e308" || bad "aggregate: 1e400 clamped?" "$(cat "$W/out")"
check "aggregate: bad --where regex is a usage error" 2 "bad regex" 0 0 0 "$AGG" --where 'text~(' "$W/recs.jsonl"

# --- rpt tag: packs ------------------------------------------------------------------------------
printf '[a]\nterms: 法治\nregex: (unclosed\n' >"$W/bad.pack"
check "tag: a pack with a bad regex names file:line" 1 "bad.pack:3:" 0 0 0 "$TAG" --patterns "$W/bad.pack" --replace "$W/bom.jsonl"
printf 'terms: 法治\n' >"$W/orphan.pack"
check "tag: a term outside a tag names file:line" 1 "orphan.pack:1:" 0 0 0 "$TAG" --patterns "$W/orphan.pack" --replace "$W/bom.jsonl"

printf '[a]\nregex: .{0,1000}法.{0,1000}治\n' >"$W/slow.pack"
check "tag: a pathological pack falls back to RE2 with a warning" 0 "scanning with RE2 instead of Hyperscan" 2 2 0 "$TAG" --patterns "$W/slow.pack" --replace "$W/bom.jsonl"
if "$TAG" --engine re2 --help >/dev/null 2>&1 && [ "$(uname -m)" = x86_64 ]; then
  XDG_CACHE_HOME="$W/cache" "$TAG" "$W/bom.jsonl" >"$W/t1" 2>/dev/null
  XDG_CACHE_HOME="$W/cache" "$TAG" "$W/bom.jsonl" >"$W/t2" 2>/dev/null
  if ls "$W"/cache/rpt/hs-*.db >/dev/null 2>&1 && cmp -s "$W/t1" "$W/t2"; then
    ok "tag: Hyperscan database cached by the packs' hash, same tags from the cache"
  else bad "tag: Hyperscan cache" "$(ls -R "$W/cache" 2>&1 | head)"; fi
fi

# --- rpt extract: numbers --------------------------------------------------------------------------
printf '{"text":"网站标识码3407020001，共投入%s元。"}\n' "1$(printf '0%.0s' $(seq 400))" >"$W/longnum.jsonl"
check "extract: a 401-digit number flagged out of range, not clamped" 0 "" 1 1 0 "$EXTRACT" "$W/longnum.jsonl"
if ! grep -q '1.797' "$W/out" && jq -e '[.facts[] | select(.out_of_range == true)] | length >= 1' "$W/out" >/dev/null; then
  ok "extract: out_of_range flag, no 1.797e308"; else bad "extract: out_of_range flag" "$(head -c 600 "$W/out")"; fi

echo "bad input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
