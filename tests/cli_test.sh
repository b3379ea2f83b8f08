#!/usr/bin/env bash
# CLI tests: drive the built tools over testdata. Usage: cli_test.sh BUILD_DIR SOURCE_DIR
# Goldens live in testdata/golden; after a deliberate change, regenerate them with
# scripts/update-goldens and review the diff before committing.
set -u
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
RPT="$BUILD/rpt"
SPLIT="$BUILD/rpt-split"
AGG="$BUILD/rpt-aggregate"
TAG="$BUILD/rpt-tag"
EXTRACT="$BUILD/rpt-extract"
SHARED="$SRC/../shared"
WORK=$(mktemp -d /tmp/rpt_cli_test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$SRC"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# run NAME EXPECTED_STATUS CMD...: runs CMD with stdout/stderr in $WORK/out, $WORK/err.
run() {
  local name=$1 want=$2
  shift 2
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    bad "$name" "exit status $got, expected $want" "stderr: $(head -c 600 "$WORK/err")"
    return 1
  fi
  return 0
}
has() { grep -qF -- "$2" "$1"; }

# --- goldens over the seeds --------------------------------------------------------------------
for unit in sentence paragraph section; do
  golden="testdata/golden/split.$unit.jsonl"
  if run "golden $unit" 0 "$SPLIT" --unit "$unit" testdata/seeds; then
    if cmp -s "$WORK/out" "$golden"; then ok "golden $unit"; else
      bad "golden $unit" "output differs from $golden:" "$(diff "$golden" "$WORK/out" | head -5 | cut -c1-200)"
    fi
  fi
done

run "deterministic output" 0 "$SPLIT" testdata/seeds && cp "$WORK/out" "$WORK/first" &&
  run "deterministic output" 0 "$SPLIT" testdata/seeds &&
  { cmp -s "$WORK/out" "$WORK/first" && ok "deterministic output" || bad "deterministic output" "two runs differ"; }

# Every record is a JSON object with the contract's fields.
if run "records are valid JSON" 0 "$SPLIT" testdata/seeds; then
  n=$(jq -c 'select((.doc.id|type)=="string" and (.seg.n|type)=="number" and (.seg.path|type)=="array" and (.text|length)>0)' "$WORK/out" | wc -l)
  total=$(wc -l <"$WORK/out")
  [ "$n" -eq "$total" ] && [ "$total" -gt 400 ] && ok "records are valid JSON ($total)" ||
    bad "records are valid JSON" "$n of $total records have the fields"
fi

# The front command runs the tools.
run "rpt front" 0 "$RPT" split testdata/seeds/000_2d1ff72a7df65657.txt &&
  { [ "$(wc -l <"$WORK/out")" -gt 50 ] && ok "rpt front" || bad "rpt front" "too few records"; }
run "rpt unknown tool" 2 "$RPT" nosuch && { has "$WORK/err" "no such tool" && ok "rpt unknown tool" || bad "rpt unknown tool" "message"; }

# --- CLI conventions ---------------------------------------------------------------------------
run "--help" 0 "$SPLIT" --help && { has "$WORK/out" "Examples:" && has "$WORK/out" "--unit" && ok "--help" || bad "--help" "no examples"; }
run "--version" 0 "$SPLIT" --version && { has "$WORK/out" "record format 1" && ok "--version" || bad "--version" "$(cat "$WORK/out")"; }
run "usage error" 2 "$SPLIT" --unit words testdata/seeds && ok "usage error exit 2"
run "bad encoding name" 2 "$SPLIT" --encoding latin9 testdata/seeds && ok "bad encoding name exit 2"

# | head ends quietly: killed by SIGPIPE, nothing on stderr.
"$SPLIT" --unit sentence testdata/seeds/*.txt testdata/seeds/*.txt 2>"$WORK/err" | head -1 >/dev/null
status=${PIPESTATUS[0]}
if { [ "$status" -eq 141 ] || [ "$status" -eq 0 ]; } && [ ! -s "$WORK/err" ]; then ok "| head is quiet"; else
  bad "| head is quiet" "status $status" "$(cat "$WORK/err")"; fi

# -o writes atomically; an interrupted run leaves neither output nor temporary file.
run "-o" 0 "$SPLIT" -o "$WORK/seg.jsonl" testdata/seeds &&
  { cmp -s "$WORK/seg.jsonl" testdata/golden/split.sentence.jsonl && ok "-o writes the output" || bad "-o" "content differs"; }
mkdir "$WORK/atomic"
mkfifo "$WORK/fifo"
"$SPLIT" -o "$WORK/atomic/out.jsonl" "$WORK/fifo" 2>/dev/null &
pid=$!
exec 7>"$WORK/fifo"  # hold the fifo open: rpt-split waits for input, its temporary file exists
printf '第一句。' >&7
sleep 0.3
tmp_seen=$(ls -A "$WORK/atomic" | wc -l)
kill -TERM "$pid"
wait "$pid" 2>/dev/null
exec 7>&-
if [ "$tmp_seen" -eq 1 ] && [ -z "$(ls -A "$WORK/atomic")" ]; then ok "interrupted -o leaves nothing"; else
  bad "interrupted -o leaves nothing" "temporaries while running: $tmp_seen; after: $(ls -A "$WORK/atomic")"; fi

# --progress draws on stderr even when it is not a terminal; --quiet silences warnings.
run "--progress" 0 "$SPLIT" --progress testdata/seeds/000_2d1ff72a7df65657.txt &&
  { has "$WORK/err" "documents" && has "$WORK/err" "MB/s" && ok "--progress" || bad "--progress" "$(cat "$WORK/err")"; }
run "--quiet" 0 "$SPLIT" --quiet testdata/seeds && { [ ! -s "$WORK/err" ] && ok "--quiet" || bad "--quiet" "$(cat "$WORK/err")"; }

# --- inputs --------------------------------------------------------------------------------------
seed=testdata/seeds/001_4a1aa1e4e1059d3a.txt
"$SPLIT" "$seed" | jq -c '[.seg, .text]' >"$WORK/utf8.segs"

iconv -f UTF-8 -t GB18030 "$seed" >"$WORK/gbk.txt"
run "GB18030 detected" 0 "$SPLIT" "$WORK/gbk.txt" && jq -c '[.seg, .text]' "$WORK/out" >"$WORK/gbk.segs" &&
  { cmp -s "$WORK/gbk.segs" "$WORK/utf8.segs" && has "$WORK/out" '"encoding":"GB18030"' && ok "GB18030 detected" || bad "GB18030 detected" "segments differ"; }
run "GBK declared" 0 "$SPLIT" --encoding gbk "$WORK/gbk.txt" && ok "GBK declared"
head -c 1500 testdata/seeds/000_2d1ff72a7df65657.txt | iconv -c -f UTF-8 -t GBK 2>/dev/null >"$WORK/real-gbk.txt"
run "GBK detected" 0 "$SPLIT" "$WORK/real-gbk.txt" &&
  { has "$WORK/out" "屯溪区人民政府2024年度法治政府建设情况报告" && ok "GBK detected" || bad "GBK detected" "$(head -1 "$WORK/out")"; }
iconv -f UTF-8 -t UTF-16 "$seed" >"$WORK/u16.txt"
run "UTF-16 with BOM" 0 "$SPLIT" "$WORK/u16.txt" && jq -c '[.seg, .text]' "$WORK/out" >"$WORK/u16.segs" &&
  { cmp -s "$WORK/u16.segs" "$WORK/utf8.segs" && ok "UTF-16 with BOM" || bad "UTF-16 with BOM" "segments differ"; }
printf '\xEF\xBB\xBF' | cat - "$seed" >"$WORK/bom.txt"
run "UTF-8 BOM" 0 "$SPLIT" "$WORK/bom.txt" && jq -c '[.seg, .text]' "$WORK/out" >"$WORK/bom.segs" &&
  { cmp -s "$WORK/bom.segs" "$WORK/utf8.segs" && ok "UTF-8 BOM" || bad "UTF-8 BOM" "segments differ"; }

run "stdin" 0 "$SPLIT" <"$seed" && jq -c '[.seg, .text]' "$WORK/out" >"$WORK/stdin.segs" &&
  { cmp -s "$WORK/stdin.segs" "$WORK/utf8.segs" && has "$WORK/out" '"source":"-"' && ok "stdin" || bad "stdin" "differs"; }

printf '%s\0%s\0' testdata/seeds/000_2d1ff72a7df65657.txt "$seed" >"$WORK/list0"
run "--files-from -0" 0 "$SPLIT" --files-from "$WORK/list0" -0 &&
  { [ "$(jq -r .doc.source "$WORK/out" | uniq | wc -l)" -eq 2 ] && ok "--files-from -0" || bad "--files-from -0" "sources"; }

cp "$seed" "$WORK/copy.txt"
run "--dedup" 0 "$SPLIT" --dedup "$seed" "$WORK/copy.txt" "$WORK/gbk.txt" &&
  { [ "$(jq -r .doc.source "$WORK/out" | uniq | wc -l)" -eq 1 ] && has "$WORK/err" "2 duplicate document(s) dropped" && ok "--dedup keeps one copy" || bad "--dedup" "$(jq -r .doc.source "$WORK/out" | uniq)"; }

# The same report as .txt and as a simple .html page (entities, a toolbar, scripts, styles, a
# <meta charset>) gives the same segments and document fields.
to_html() {  # FILE: each line a <p>, text HTML-escaped
  printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>%s</title>\n' "$(basename "$1")"
  printf '<style>p{margin:0}</style><script>document.write("一、脚本不是正文。")</script></head>\n'
  printf '<body><div class="toolbar"><a href="#">打印</a> | <a href="#">关闭</a></div>\n<div class="content">\n'
  sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/^/<p>/' -e 's/$/<\/p>/' "$1"
  printf '</div></body></html>\n'
}
html_ok=0
for f in testdata/seeds/*.txt; do
  to_html "$f" >"$WORK/page.html"
  "$SPLIT" --quiet "$f" | jq -c '[(.doc | del(.source)), .seg, (.text | gsub("\\s+"; " "))]' >"$WORK/from-txt"
  "$SPLIT" --quiet "$WORK/page.html" | jq -c '[(.doc | del(.source)), .seg, (.text | gsub("\\s+"; " "))]' >"$WORK/from-html"
  if cmp -s "$WORK/from-txt" "$WORK/from-html" && [ -s "$WORK/from-txt" ]; then html_ok=$((html_ok + 1)); else
    bad "html = txt: $f" "$(diff "$WORK/from-txt" "$WORK/from-html" | head -4 | cut -c1-300)"; fi
done
[ "$html_ok" -eq 5 ] && ok "HTML page and text file give the same segments and fields (5 seeds)"
iconv -f UTF-8 -t GB18030 "$WORK/page.html" | sed 's/charset="utf-8"/charset="gbk"/' >"$WORK/page-gbk.html"
run "HTML with meta charset gbk" 0 "$SPLIT" "$WORK/page-gbk.html" &&
  { cmp -s <(jq -c '[.seg, .text]' "$WORK/out") <("$SPLIT" --quiet "$WORK/page.html" | jq -c '[.seg, .text]') &&
    ok "HTML with meta charset gbk" || bad "HTML with meta charset gbk" "differs"; }

# No boilerplate line of any seed appears as content; all of it is accounted for in --dropped.
"$SPLIT" --quiet --dropped "$WORK/dropped.jsonl" testdata/seeds >"$WORK/out"
leaks=$(jq -r '.["001_4a1aa1e4e1059d3a.txt", "002_98210664a6f5ccdc.txt"].boilerplate_not_content[]' testdata/seeds/expected-meta.json |
  while read -r b; do jq -r .text "$WORK/out" | grep -cF -- "$b"; done | awk '{ s += $1 } END { print s + 0 }')
[ "$leaks" -eq 0 ] && [ "$(wc -l <"$WORK/dropped.jsonl")" -eq 6 ] && ok "no seed boilerplate in content; 6 lines in --dropped" ||
  bad "boilerplate" "leaks: $leaks, dropped: $(wc -l <"$WORK/dropped.jsonl")"
# A news site's page (testdata/pages/news-site.html, written for the tests): clean fields out, every
# furniture line in --dropped with its line and reason, none of it in the records.
run "news-site page" 0 "$SPLIT" --quiet --dropped "$WORK/news-dropped.jsonl" testdata/pages/news-site.html &&
  { want='{"title":"望江县2024年法治政府建设情况报告","issuer":"望江县人民政府","recipients":["县委"],"date":"2025-02-10","published":"2025-02-18","year":2024,"type":"annual_report","code":"340827","origin":"望江县人民政府"}'
    got=$(head -1 "$WORK/out" | jq -c '.doc | {title, issuer, recipients, date, published, year, type, code: .region.code, origin}')
    [ "$got" = "$want" ] && ok "news-site page: document fields" || bad "news-site page: fields" "got $got"; }
furniture_left=$(jq -r .text "$WORK/out" | grep -cE '星期二|无障碍|您现在的位置|发布时间|字号|分享到|图为|相关阅读|二维码|版权所有' || true)
[ "$furniture_left" -eq 0 ] && [ "$(wc -l <"$WORK/news-dropped.jsonl")" -eq 12 ] &&
  [ "$(jq -c 'select((.line | type) != "number" or (.reason | length) == 0)' "$WORK/news-dropped.jsonl" | wc -l)" -eq 0 ] &&
  ok "news-site page: 12 furniture lines in --dropped with line and reason, none in the records" ||
  bad "news-site page: furniture" "left: $furniture_left, dropped: $(wc -l <"$WORK/news-dropped.jsonl")"
# A toolbar in a spelling no rule names, above the report and below it.
printf '【字体：特大 大 中 小】【打印本文】【关闭窗口】\n某县2024年法治政府建设情况报告\n2024年，县政府坚持依法行政，全面推进法治政府建设，各项工作取得新成效。\n一、主要工作\n全年办理行政复议案件38件，行政机关负责人出庭应诉率保持100%%。\n[ 打印此文 ] [ 关闭 ] [ 返回顶部 ]\n' >"$WORK/toolbar.txt"
run "unseen toolbar" 0 "$SPLIT" --quiet --unit doc --dropped "$WORK/toolbar-dropped.jsonl" "$WORK/toolbar.txt" &&
  { [ "$(jq -r '.line' "$WORK/toolbar-dropped.jsonl" | tr '\n' ' ')" = "1 6 " ] &&
    [ "$(jq -r .doc.title "$WORK/out")" = "某县2024年法治政府建设情况报告" ] &&
    ok "unseen toolbar spellings above and below a report go, with reasons: $(jq -r .reason "$WORK/toolbar-dropped.jsonl" | tr '\n' ';')" ||
    bad "unseen toolbar" "$(cat "$WORK/toolbar-dropped.jsonl")"; }
run "--keep-furniture" 0 "$SPLIT" --keep-furniture testdata/seeds/001_4a1aa1e4e1059d3a.txt &&
  { has "$WORK/out" "网站标识码" && ok "--keep-furniture keeps every line" || bad "--keep-furniture" "footer missing"; }

# Document fields of every seed, as the careful reader of expected-meta.json has them.
"$SPLIT" --quiet testdata/seeds | jq -s -c 'group_by(.doc.source) | map(.[0].doc | {(.source | split("/") | last): {title, issuer, recipients, date, year, type, region}}) | add' >"$WORK/meta.json"
if jq -e --slurpfile got "$WORK/meta.json" 'del(._about) | to_entries | all(.value as $w | $got[0][.key] as $g |
     ([ "title","issuer","recipients","date","year","type" ] | all($g[.] == $w[.])) and
     ([ "name","code","city","province" ] | all($g.region[.] == $w.region[.])))' testdata/seeds/expected-meta.json >/dev/null; then
  ok "document fields of the 5 seeds match expected-meta.json"
else bad "document fields" "$(cat "$WORK/meta.json" | head -c 600)"; fi

# --- bad input: each a clear error naming the file (and line), the rest still processed -------
printf '第一行。\n第二行\xFF坏了。\n' >"$WORK/bad-utf8.txt"
run "invalid UTF-8 --strict" 1 "$SPLIT" --strict "$WORK/bad-utf8.txt" "$seed" &&
  { has "$WORK/err" "bad-utf8.txt:2: byte 22: invalid UTF-8" && [ -s "$WORK/out" ] && ok "invalid UTF-8 --strict named, others processed" || bad "invalid UTF-8 --strict" "$(cat "$WORK/err")"; }
run "invalid UTF-8 kept" 0 "$SPLIT" "$WORK/bad-utf8.txt" &&
  { has "$WORK/out" $'\xEF\xBF\xBD' && has "$WORK/err" "bad-utf8.txt:2: byte 22: 1 bad byte" && ok "invalid UTF-8 replaced, counted, located" || bad "invalid UTF-8 kept" "$(cat "$WORK/err")"; }

printf '第一行。\n第二\0行。\n' >"$WORK/nul.txt"
run "NUL bytes" 1 "$SPLIT" "$WORK/nul.txt" && { has "$WORK/err" "nul.txt:2: byte 19: NUL byte" && ok "NUL bytes" || bad "NUL bytes" "$(cat "$WORK/err")"; }

: >"$WORK/empty.txt"
run "empty file" 0 "$SPLIT" "$WORK/empty.txt" && { has "$WORK/err" "empty.txt: empty file" && [ ! -s "$WORK/out" ] && ok "empty file warns" || bad "empty file" "$(cat "$WORK/err")"; }

run "missing path" 1 "$SPLIT" "$WORK/no-such.txt" "$seed" &&
  { has "$WORK/err" "no-such.txt: cannot open: No such file" && [ -s "$WORK/out" ] && ok "missing path" || bad "missing path" "$(cat "$WORK/err")"; }

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  cp "$seed" "$WORK/secret.txt" && chmod 000 "$WORK/secret.txt" && chmod 755 "$WORK"
  run "unreadable file" 1 setpriv --reuid=65534 --regid=65534 --clear-groups "$SPLIT" "$WORK/secret.txt" &&
    { has "$WORK/err" "secret.txt: cannot open: Permission denied" && ok "unreadable file" || bad "unreadable file" "$(cat "$WORK/err")"; }
elif [ "$(id -u)" -ne 0 ]; then
  cp "$seed" "$WORK/secret.txt" && chmod 000 "$WORK/secret.txt"
  run "unreadable file" 1 "$SPLIT" "$WORK/secret.txt" && { has "$WORK/err" "Permission denied" && ok "unreadable file" || bad "unreadable file" "$(cat "$WORK/err")"; }
else
  echo "skip unreadable file (root without setpriv)"
fi

mkdir -p "$WORK/loop/a" && cp "$seed" "$WORK/loop/a/r.txt" && ln -s .. "$WORK/loop/a/up"
run "directory loop" 0 timeout 20 "$SPLIT" "$WORK/loop" &&
  { has "$WORK/err" "already visited" && [ "$(jq -r .doc.source "$WORK/out" | uniq | wc -l)" -eq 1 ] && ok "directory loop reported, not followed" || bad "directory loop" "$(cat "$WORK/err")"; }

# A 50 MB single line: one long paragraph, processed in linear time.
awk 'BEGIN { s = "推进严格规范公正文明执法,投入325.34万元。"; for (i = 0; i < 900000; i++) printf "%s", s }' >"$WORK/huge.txt"
size=$(stat -c %s "$WORK/huge.txt")
run "50 MB single line" 0 timeout 60 "$SPLIT" "$WORK/huge.txt" &&
  { [ "$size" -gt 50000000 ] && [ "$(wc -l <"$WORK/out")" -eq 900000 ] && ok "50 MB single line ($size bytes)" || bad "50 MB single line" "$(wc -l <"$WORK/out") records"; }

# --- JSON Lines input -----------------------------------------------------------------------------
cat >"$WORK/in.jsonl" <<'JSONL'
{"id": 7, "text": "一、总体要求\n推进依法行政。加强监督。", "tags": ["x"]}
{"text": "截断的记录
[1, 2]
{"text": 42}
{"body": "没有 text 字段"}

{"text": "第二篇。", "meta": {"year": 2024}}
JSONL
run "JSONL bad records" 1 "$SPLIT" --rejects "$WORK/rejects.jsonl" "$WORK/in.jsonl" &&
  {
    [ "$(wc -l <"$WORK/out")" -eq 4 ] &&
      has "$WORK/err" "in.jsonl:2: not JSON" && has "$WORK/err" "in.jsonl:3: expected a JSON object, found array" &&
      has "$WORK/err" 'in.jsonl:4: field "text" is a number' && has "$WORK/err" 'in.jsonl:5: no field "text"' &&
      has "$WORK/err" "4 inputs were skipped" &&
      [ "$(jq -r .line "$WORK/rejects.jsonl" | tr '\n' ' ')" = "2 3 4 5 " ] &&
      [ "$(head -1 "$WORK/out" | jq -c .doc.meta)" = '{"id":7,"tags":["x"]}' ] &&
      [ "$(head -1 "$WORK/out" | jq -c .doc.record)" = 1 ] &&
      ok "JSONL: good records kept, bad ones named, counted and written to --rejects"
  } || bad "JSONL bad records" "$(cat "$WORK/err")" "$(cat "$WORK/out" | head -3)"
printf '{"text": "\xB7\xA8\xD6\xCE"}\n' >"$WORK/gbk.jsonl"
run "JSONL in GBK" 1 "$SPLIT" "$WORK/gbk.jsonl" && { has "$WORK/err" "gbk.jsonl:1: byte 10: invalid UTF-8" && ok "JSONL in GBK" || bad "JSONL in GBK" "$(cat "$WORK/err")"; }
printf '{"text": "a\\u0000b"}\n' >"$WORK/nul.jsonl"
run "JSONL with NUL" 1 "$SPLIT" "$WORK/nul.jsonl" && { has "$WORK/err" "NUL" && ok "JSONL with NUL" || bad "JSONL with NUL" "$(cat "$WORK/err")"; }
: >"$WORK/empty.jsonl"
run "empty JSONL" 0 "$SPLIT" "$WORK/empty.jsonl" && { [ ! -s "$WORK/out" ] && ok "empty JSONL" || bad "empty JSONL" "output"; }
printf '{"text":"%s"}\n' "$(head -c 20000000 /dev/zero | tr '\0' 'x')" >"$WORK/long.jsonl"
run "enormous JSONL line" 0 "$SPLIT" "$WORK/long.jsonl" && { [ "$(wc -l <"$WORK/out")" -eq 1 ] && ok "enormous JSONL line" || bad "enormous JSONL line" "records"; }
head -c 300 "$WORK/in.jsonl" | "$SPLIT" >/dev/null 2>"$WORK/err"
[ $? -eq 1 ] && ok "JSONL sniffed on stdin" || bad "JSONL sniffed on stdin" "$(cat "$WORK/err")"

# A CSV turned into JSON Lines by Miller comes straight in; its other columns ride along in doc.meta.
printf 'id,county,text\n17,郏县,"郏县人民政府关于2021年法治政府建设情况的报告\n一、完善工作机制\n全年召开会议两次。"\n' >"$WORK/reports.csv"
mlr --icsv --ojsonl cat "$WORK/reports.csv" >"$WORK/reports.jsonl"
run "CSV via mlr" 0 "$SPLIT" "$WORK/reports.jsonl" &&
  { [ "$(head -1 "$WORK/out" | jq -c '[.doc.meta, .doc.type, .doc.year, .doc.region.code]')" = '[{"id":17,"county":"郏县"},"annual_report",2021,"410425"]' ] &&
    [ "$(wc -l <"$WORK/out")" -eq 3 ] && ok "CSV via mlr --icsv --ojsonl" || bad "CSV via mlr" "$(head -1 "$WORK/out")"; }

# --- rpt tag -------------------------------------------------------------------------------------
"$SPLIT" --quiet testdata/seeds >"$WORK/seg.jsonl"
run "rpt tag" 0 "$TAG" "$WORK/seg.jsonl" && cp "$WORK/out" "$WORK/tagged.jsonl" &&
  { [ "$(wc -l <"$WORK/tagged.jsonl")" -eq "$(wc -l <"$WORK/seg.jsonl")" ] &&
    [ "$(jq -c 'del(.tags, .role)' "$WORK/tagged.jsonl" | md5sum)" = "$(jq -c . "$WORK/seg.jsonl" | md5sum)" ] &&
    ok "rpt tag adds tags and role, keeps every other field" || bad "rpt tag" "records changed"; }
# Roles on the seeds.
roles() { jq -r "$1 | .role" "$WORK/tagged.jsonl" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }'; }
[ "$(roles 'select(.doc.source | test("000")) | select(.seg.path[0] // "" | startswith("二、"))')" = "problem:4 " ] &&
  [ "$(roles 'select(.doc.source | test("002"))')" = "plan:162 " ] &&
  [ "$(roles 'select((.doc.source | test("002")) | not) | select(.seg.block | not) | select(.seg.path | join(" ") | test("不足|问题|安排|计划|措施|下一步") | not)')" = "achievement:267 " ] &&
  ok "roles: 000's 不足 part all problem, the work plan all plan, achievements elsewhere" ||
  bad "roles" "$(roles 'select(.doc.source | test("000"))')"
# Section topics: the coverage script holds the overall share at >= 0.80.
if RPT_BUILD_DIR="$BUILD" scripts/topic-coverage 0.80 >"$WORK/coverage" 2>&1; then
  ok "topic coverage of named sections: $(grep -a overall "$WORK/coverage" | cut -f2)"
else bad "topic coverage" "$(grep -a overall "$WORK/coverage")"; fi
# Width-folded input gets the same tags and roles.
sed -e 's/,/，/g' -e 's/:/：/g' -e 's/(/（/g' -e 's/)/）/g' -e 's/0/０/g' -e 's/1/１/g' -e 's/2/２/g' -e 's/%/％/g' -e 's/+/＋/g' \
  testdata/seeds/002_98210664a6f5ccdc.txt >"$WORK/wide.txt"
"$SPLIT" --quiet testdata/seeds/002_98210664a6f5ccdc.txt | "$TAG" | jq -c '[.tags, .role]' >"$WORK/narrow.tags"
"$SPLIT" --quiet "$WORK/wide.txt" | "$TAG" | jq -c '[.tags, .role]' >"$WORK/wide.tags"
cmp -s "$WORK/narrow.tags" "$WORK/wide.tags" && ! cmp -s testdata/seeds/002_98210664a6f5ccdc.txt "$WORK/wide.txt" &&
  ok "full-width copy gets the same tags and roles" || bad "width-folded tags" "$(diff "$WORK/narrow.tags" "$WORK/wide.tags" | head -3)"
# --explain: every evidence span slices the record's text to the term (code points, as Python and jq do).
"$TAG" --explain "$WORK/seg.jsonl" >"$WORK/explained.jsonl"
[ "$(jq -c 'select(.evidence | length > 0) | . as $r | .evidence[] | select($r.text[.span[0]:.span[1]] != .term)' "$WORK/explained.jsonl" | wc -l)" -eq 0 ] &&
  [ "$(jq -c 'select(.evidence | length > 0)' "$WORK/explained.jsonl" | wc -l)" -gt 300 ] &&
  ok "--explain spans index the record text" || bad "--explain spans" "$(jq -c 'select(.evidence|length>0) | . as $r | .evidence[] | select($r.text[.span[0]:.span[1]] != .term)' "$WORK/explained.jsonl" | head -2)"
# Filter mode with counts; ad-hoc rules; re-tagging replaces rather than duplicates.
run "--filter --counts" 0 "$TAG" --filter 纠纷.复议,纠纷.应诉 --counts "$WORK/seg.jsonl" &&
  { [ "$(jq -r '.tags | map(select(startswith("纠纷.复议") or startswith("纠纷.应诉"))) | length > 0' "$WORK/out" | sort -u)" = "true" ] &&
    has "$WORK/err" "of 500 records emitted" && ok "--filter emits only matching records; --counts on stderr" || bad "--filter" "$(head -3 "$WORK/err")"; }
run "-e -t" 0 "$TAG" --replace -e '万人助万企' -t 营商.助企 "$WORK/seg.jsonl" &&
  { [ "$(jq -c 'select(.tags | length > 0) | .tags' "$WORK/out" | sort -u)" = '["营商.助企"]' ] && ok "-e REGEX -t NAME ad-hoc rule" || bad "-e -t" "$(jq -c .tags "$WORK/out" | sort -u | head)"; }
run "-e without -t" 2 "$TAG" -e x "$WORK/seg.jsonl" && ok "-e without -t is a usage error"
run "-e bad regex" 2 "$TAG" -e '(?<=a)b' -t x "$WORK/seg.jsonl" && ok "-e with a regex RE2 rejects is a usage error"
"$TAG" --quiet "$WORK/tagged.jsonl" | jq -c '[.tags, .role]' >"$WORK/retag"
jq -c '[.tags, .role]' "$WORK/tagged.jsonl" | cmp -s - "$WORK/retag" && [ "$("$TAG" "$WORK/tagged.jsonl" | head -1 | grep -o '"tags"' | wc -l)" -eq 1 ] &&
  ok "re-tagging replaces tags and role" || bad "re-tagging" "differs"
printf '%s\n' '[执法]' 'terms: 执法' 'regex: (?<=行政)执法' >"$WORK/bad.pack"
run "bad pack" 1 "$TAG" --patterns "$WORK/bad.pack" "$WORK/seg.jsonl" && { has "$WORK/err" "bad.pack:3: bad regex" && ok "a bad pack fails with file:line" || bad "bad pack" "$(cat "$WORK/err")"; }
# Both matching engines give the same records (Hyperscan where built, RE2::Set always).
if "$TAG" --engine hyperscan "$WORK/seg.jsonl" >"$WORK/hs.jsonl" 2>/dev/null; then
  "$TAG" --engine re2 --explain "$WORK/seg.jsonl" >"$WORK/re2x.jsonl"
  "$TAG" --engine hyperscan --explain "$WORK/seg.jsonl" >"$WORK/hsx.jsonl"
  cmp -s "$WORK/re2x.jsonl" "$WORK/hsx.jsonl" && ok "Hyperscan and RE2::Set engines agree" || bad "engines" "differ"
else
  echo "skip engine comparison (built without Hyperscan)"
fi
# Bad input.
printf '%s\n' '{"text":"行政复议案件38件。","x":{"y":[1,2]}}' '[1]' '{"text":12}' '{"body":"x"}' '{"text":"未闭合' >"$WORK/tag-bad.jsonl"
printf '{"text":"\xB7\xA8"}\n' >>"$WORK/tag-bad.jsonl"
run "rpt tag bad input" 1 "$TAG" "$WORK/tag-bad.jsonl" &&
  { has "$WORK/err" "tag-bad.jsonl:2: expected a JSON object" && has "$WORK/err" 'tag-bad.jsonl:3: field "text" is not a string' &&
    has "$WORK/err" 'tag-bad.jsonl:4: no field "text"' && has "$WORK/err" "tag-bad.jsonl:5: not JSON" &&
    has "$WORK/err" "tag-bad.jsonl:6: invalid UTF-8" && has "$WORK/err" "5 inputs were skipped" &&
    [ "$(jq -c '[.x, .tags]' "$WORK/out")" = '[{"y":[1,2]},["纠纷.复议"]]' ] && ok "rpt tag: bad lines named and skipped, unknown fields kept" ||
    bad "rpt tag bad input" "$(cat "$WORK/err")" "$(cat "$WORK/out")"; }
: >"$WORK/empty.jsonl"
run "rpt tag empty" 0 "$TAG" "$WORK/empty.jsonl" && { [ ! -s "$WORK/out" ] && ok "rpt tag empty input" || bad "rpt tag empty" "output"; }
printf '{"text":"%s行政复议"}\n' "$(head -c 30000000 /dev/zero | tr '\0' 'x')" >"$WORK/long-tag.jsonl"
run "rpt tag enormous line" 0 "$TAG" "$WORK/long-tag.jsonl" && { [ "$(jq -c .tags "$WORK/out")" = '["纠纷.复议"]' ] && ok "rpt tag enormous line" || bad "rpt tag enormous line" "tags"; }

# --- rpt extract ---------------------------------------------------------------------------------
"$SPLIT" --quiet testdata/seeds | "$TAG" --quiet >"$WORK/tagged-seeds.jsonl"
run "rpt extract" 0 "$EXTRACT" "$WORK/tagged-seeds.jsonl" && cp "$WORK/out" "$WORK/facts.jsonl" &&
  { [ "$(wc -l <"$WORK/facts.jsonl")" -eq "$(wc -l <"$WORK/tagged-seeds.jsonl")" ] &&
    [ "$(jq -c 'select((.facts | type) != "array" or (.tags | type) != "array")' "$WORK/facts.jsonl" | wc -l)" -eq 0 ] &&
    [ "$(jq -c '.facts[] | select(.text == "325.34万元") | [.value, .unit, .kind, .approx]' "$WORK/facts.jsonl")" = '[3253400,"元","money",null]' ] &&
    ok "rpt extract: facts on every record, tags kept, 325.34万元 = 3253400 元" || bad "rpt extract" "$(head -c 300 "$WORK/facts.jsonl")"; }
# Spans index the record's text in code points, and the surface is the text there.
n_bad=$(jq -c '.text as $t | .facts[] | select($t[.span[0]:.span[1]] != .text)' "$WORK/facts.jsonl" | wc -l)
[ "$n_bad" -eq 0 ] && ok "rpt extract: every span indexes the record text" || bad "spans" "$n_bad facts whose span is not their text"
run "extract --explode" 0 "$EXTRACT" --types indicator --explode "$WORK/tagged-seeds.jsonl" &&
  { [ "$(jq -c 'select(.fact.type != "indicator" or .facts != null or (.doc.id | type) != "string" or (.seg.n | type) != "number")' "$WORK/out" | wc -l)" -eq 0 ] &&
    [ "$(jq -c 'select(.fact.name == "调处成功率") | [.fact.metric, .fact.value, .doc.issuer]' "$WORK/out")" = '["矛盾纠纷调处成功率",85,"屯溪区人民政府"]' ] &&
    ok "rpt extract --explode: one record per fact, with doc and seg" || bad "--explode" "$(head -3 "$WORK/out")"; }
"$EXTRACT" --quiet --types quantity --explode "$WORK/tagged-seeds.jsonl" | "$AGG" --quiet --by fact.kind --count --format tsv >"$WORK/kinds.tsv"
grep -q "^count	" "$WORK/kinds.tsv" && grep -q "^money	" "$WORK/kinds.tsv" && grep -q "^percent	" "$WORK/kinds.tsv" &&
  ok "rpt extract --explode | rpt aggregate --by fact.kind" || bad "explode | aggregate" "$(cat "$WORK/kinds.tsv")"
run "extract --types bad" 2 "$EXTRACT" --types quantity,numbers "$WORK/tagged-seeds.jsonl" &&
  { has "$WORK/err" 'unknown fact type "numbers"' && ok "rpt extract --types: an unknown type is a usage error" || bad "--types" "$(cat "$WORK/err")"; }
"$EXTRACT" --quiet "$WORK/facts.jsonl" >"$WORK/refacts.jsonl"
cmp -s "$WORK/facts.jsonl" "$WORK/refacts.jsonl" && ok "rpt extract on its own output replaces facts (idempotent)" || bad "re-extract" "output differs"
"$SPLIT" --quiet testdata/seeds/002_98210664a6f5ccdc.txt | "$EXTRACT" --quiet | jq -c '[.facts[] | del(.text)]' >"$WORK/narrow.facts"
"$SPLIT" --quiet "$WORK/wide.txt" | "$EXTRACT" --quiet | jq -c '[.facts[] | del(.text)]' >"$WORK/wide.facts"
cmp -s "$WORK/narrow.facts" "$WORK/wide.facts" && [ "$(jq -c '.[]' "$WORK/wide.facts" | wc -l)" -gt 50 ] &&
  ok "rpt extract: full-width copy gives the same facts" || bad "full-width facts" "$(diff "$WORK/narrow.facts" "$WORK/wide.facts" | head -3 | cut -c1-200)"
run "rpt extract bad input" 1 "$EXTRACT" "$WORK/tag-bad.jsonl" &&
  { has "$WORK/err" "tag-bad.jsonl:2: expected a JSON object" && has "$WORK/err" 'tag-bad.jsonl:3: field "text" is not a string' &&
    has "$WORK/err" 'tag-bad.jsonl:4: no field "text"' && has "$WORK/err" "tag-bad.jsonl:5: not JSON" &&
    has "$WORK/err" "tag-bad.jsonl:6: invalid UTF-8" && has "$WORK/err" "5 inputs were skipped" &&
    [ "$(jq -c '[.x, (.facts[] | [.value, .unit])]' "$WORK/out")" = '[{"y":[1,2]},[38,"件"]]' ] &&
    ok "rpt extract: bad lines named and skipped (GBK bytes, NUL-free junk, truncated, non-object, wrong type), unknown fields kept" ||
    bad "rpt extract bad input" "$(cat "$WORK/err")" "$(cat "$WORK/out")"; }
run "rpt extract rejects file" 1 "$EXTRACT" --rejects "$WORK/ex-rejects.jsonl" "$WORK/tag-bad.jsonl" &&
  { [ "$(wc -l <"$WORK/ex-rejects.jsonl")" -eq 5 ] && ok "rpt extract --rejects keeps the 5 bad lines" || bad "extract rejects" "$(wc -l <"$WORK/ex-rejects.jsonl")"; }
run "rpt extract empty" 0 "$EXTRACT" "$WORK/empty.jsonl" && { [ ! -s "$WORK/out" ] && ok "rpt extract empty input" || bad "rpt extract empty" "output"; }
printf '{"text":"%s共38件"}\n' "$(head -c 30000000 /dev/zero | tr '\0' 'x')" >"$WORK/long-extract.jsonl"
run "rpt extract enormous line" 0 "$EXTRACT" "$WORK/long-extract.jsonl" &&
  { [ "$(jq -c '[.facts[] | .value]' "$WORK/out")" = '[38]' ] && ok "rpt extract enormous line (30 MB)" || bad "rpt extract enormous line" "facts"; }

# --- rpt aggregate -------------------------------------------------------------------------------
"$SPLIT" --quiet testdata/seeds >"$WORK/seg.jsonl"
REDUCERS=(--count --sum seg.para --mean seg.para --min seg.para --max seg.para --distinct doc.id
  --approx-distinct text --top seg.item:3 --percentiles seg.para:10,50,90 --values seg.n:4
  --first text --last text)
"$AGG" --by doc.type,seg.path[] "${REDUCERS[@]}" "$WORK/seg.jsonl" >"$WORK/single.json"
for shards in 1 2 7; do
  rm -f "$WORK"/shard.* && split -n "l/$shards" -d "$WORK/seg.jsonl" "$WORK/shard."
  for f in "$WORK"/shard.*; do "$AGG" --partial --by doc.type,seg.path[] "${REDUCERS[@]}" "$f" >"$f.part"; done
  "$AGG" --merge --by doc.type,seg.path[] "${REDUCERS[@]}" "$WORK"/shard.*.part >"$WORK/merged.json"
  if cmp -s "$WORK/single.json" "$WORK/merged.json"; then ok "merge of $shards partials == one run (every reducer)"; else
    bad "merge of $shards partials" "$(diff "$WORK/single.json" "$WORK/merged.json" | head -4 | cut -c1-300)"; fi
done
# A tree of merges: merge two merged partials.
"$AGG" --merge --partial --by doc.type,seg.path[] "${REDUCERS[@]}" "$WORK"/shard.0[0-3].part >"$WORK/left.part"
"$AGG" --merge --partial --by doc.type,seg.path[] "${REDUCERS[@]}" "$WORK"/shard.0[4-6].part >"$WORK/right.part"
"$AGG" --merge --by doc.type,seg.path[] "${REDUCERS[@]}" "$WORK/left.part" "$WORK/right.part" >"$WORK/tree.json"
cmp -s "$WORK/single.json" "$WORK/tree.json" && ok "merge of merges == one run" || bad "merge of merges" "differs"
run "merge of a different aggregation" 1 "$AGG" --merge --by doc.type --count -o "$WORK/never.json" "$WORK/left.part" &&
  { has "$WORK/err" "left.part:1: partial result of a different aggregation" && [ ! -e "$WORK/never.json" ] &&
    ok "merging a different aggregation is refused, nothing written" || bad "merge mismatch" "$(cat "$WORK/err")"; }
run "merge of a non-partial" 1 "$AGG" --merge "$WORK/seg.jsonl" && { has "$WORK/err" "not an rpt aggregate --partial file" && ok "merge of a non-partial file" || bad "merge non-partial" "$(cat "$WORK/err")"; }

# Output formats.
printf '%s\n' '{"k":"a,\"b\"","n":1}' '{"k":"x|y\tz","n":2}' '{"k":"a,\"b\"","n":3}' >"$WORK/fmt.jsonl"
"$AGG" --by k --sum n --format csv "$WORK/fmt.jsonl" >"$WORK/fmt.csv"
[ "$(cat "$WORK/fmt.csv")" = "$(printf 'k,sum(n)\r\n"a,""b""",4\r\nx|y\tz,2\r')" ] && ok "CSV quoting (RFC 4180)" || bad "CSV" "$(cat -A "$WORK/fmt.csv")"
"$AGG" --by k --sum n --format tsv "$WORK/fmt.jsonl" >"$WORK/fmt.tsv"
[ "$(sed -n 3p "$WORK/fmt.tsv")" = 'x|y\tz	2' ] && ok "TSV escapes tabs" || bad "TSV" "$(cat -A "$WORK/fmt.tsv")"
"$AGG" --by k --sum n --format md "$WORK/fmt.jsonl" >"$WORK/fmt.md"
[ "$(sed -n 2p "$WORK/fmt.md")" = "| --- | ---: |" ] && has "$WORK/fmt.md" 'x\|y' && ok "Markdown table" || bad "Markdown" "$(cat "$WORK/fmt.md")"
"$AGG" --by k --sum n --format jsonl "$WORK/fmt.jsonl" >"$WORK/fmt.jsonl.out"
[ "$(jq -s -c 'map(.["sum(n)"])' "$WORK/fmt.jsonl.out")" = "[4,2]" ] && ok "JSONL rows" || bad "JSONL rows" "$(cat "$WORK/fmt.jsonl.out")"

# Bad input: reported with file and line, counted, skipped; the rest is aggregated.
printf '%s\n' '{"k":"a","n":1}' '[1,2]' '"text"' '{"k":"a","n":' '{"k":"a","n":"many"}' '{"k":"b","n":{"x":1}}' '' '{"k.dot":"odd","n":5}' >"$WORK/bad.jsonl"
printf '{"k":"\xB7\xA8"}\n' >>"$WORK/bad.jsonl"
run "aggregate bad input" 1 "$AGG" --by k --sum n --rejects "$WORK/agg-rejects.jsonl" "$WORK/bad.jsonl" &&
  {
    has "$WORK/err" "bad.jsonl:2: expected a JSON object, found an array" && has "$WORK/err" "bad.jsonl:3: expected a JSON object, found a scalar" &&
      has "$WORK/err" "bad.jsonl:4: not JSON" && has "$WORK/err" "bad.jsonl:9: invalid UTF-8" &&
      has "$WORK/err" "sum(n): 2 value(s) were not numbers and were skipped (first at $WORK/bad.jsonl:5:)" &&
      has "$WORK/err" "4 inputs were skipped" && [ "$(wc -l <"$WORK/agg-rejects.jsonl")" -eq 4 ] &&
      [ "$(jq -c 'map([.k, .["sum(n)"]])' "$WORK/out")" = '[[null,5],["a",1],["b",0]]' ] &&
      ok "aggregate: bad lines named, counted, rejected; wrong types skipped with a warning"
  } || bad "aggregate bad input" "$(cat "$WORK/err")" "$(cat "$WORK/out")"
# A key with a dot is written k\.dot; the column is named by the path as written.
"$AGG" --by 'k\.dot' --count "$WORK/bad.jsonl" 2>/dev/null | jq -c 'map(select(.["k\\.dot"] == "odd")) | .[0].count' | grep -qx 1 &&
  ok "keys with dots are escaped as k\\.dot" || bad "odd keys" "$("$AGG" --by 'k\.dot' --count "$WORK/bad.jsonl" 2>&1)"
: >"$WORK/empty.jsonl"
run "aggregate empty input" 0 "$AGG" --by k --count "$WORK/empty.jsonl" && { [ "$(cat "$WORK/out")" = "[]" ] && ok "aggregate empty input" || bad "aggregate empty" "$(cat "$WORK/out")"; }
run "aggregate usage" 2 "$AGG" --previous x.json --by k && ok "aggregate usage error exit 2"
run "aggregate bad where" 2 "$AGG" --where 'n>abc' "$WORK/fmt.jsonl" && ok "aggregate bad --where exit 2"
run "aggregate missing file" 1 "$AGG" "$WORK/none.jsonl" && { has "$WORK/err" "none.jsonl: cannot open" && ok "aggregate missing file" || bad "aggregate missing file" "$(cat "$WORK/err")"; }
printf '{"t":"%s"}\n' "$(head -c 20000000 /dev/zero | tr '\0' 'y')" >"$WORK/long-agg.jsonl"
run "aggregate enormous line" 0 "$AGG" --distinct t "$WORK/long-agg.jsonl" && { [ "$(jq '.[0]["distinct(t)"]' "$WORK/out")" = 1 ] && ok "aggregate enormous line" || bad "aggregate enormous line" "$(head -c 200 "$WORK/out")"; }

# The digest: counts, and what changed since the previous one; written atomically.
head -n 300 "$WORK/seg.jsonl" >"$WORK/yesterday.jsonl"
run "digest (yesterday)" 0 "$AGG" --digest -o "$WORK/d1.json" "$WORK/yesterday.jsonl"
run "digest (today)" 0 "$AGG" --digest --previous "$WORK/d1.json" -o "$WORK/d2.json" "$WORK/seg.jsonl" &&
  {
    [ "$(jq -c '[.documents, .segments, .by_type.annual_report, .by_type.work_plan, .by_province["河南省"]]' "$WORK/d2.json")" = "[5,$(wc -l <"$WORK/seg.jsonl"),4,1,1]" ] &&
      [ "$(jq -c '[.changes.documents, (.changes.new_documents | length), (.changes.changed_documents | length)]' "$WORK/d2.json")" = "[2,2,1]" ] &&
      ok "digest counts and changes since the previous digest"
  } || bad "digest" "$(jq -c '{documents, segments, by_type, changes: (.changes | {documents, new_documents: (.new_documents|length)})}' "$WORK/d2.json")"
run "digest of a bad previous" 1 "$AGG" --digest --previous "$WORK/seg.jsonl" "$WORK/seg.jsonl" &&
  { has "$WORK/err" "previous digest is not JSON" && ok "digest refuses a bad previous digest" || bad "bad previous" "$(cat "$WORK/err")"; }

# NUL bytes inside JSON Lines (raw, unescaped): named, skipped, the rest processed.
printf '{"text":"行政复议"}\n{"text":"a\0b"}\n' >"$WORK/nul-rec.jsonl"
run "extract: NUL byte" 1 "$EXTRACT" "$WORK/nul-rec.jsonl" &&
  { has "$WORK/err" "nul-rec.jsonl:2: not JSON" && [ "$(wc -l <"$WORK/out")" -eq 1 ] && ok "rpt extract: a NUL byte names its line" || bad "extract NUL" "$(cat "$WORK/err")"; }
run "tag: NUL byte" 1 "$TAG" "$WORK/nul-rec.jsonl" &&
  { has "$WORK/err" "nul-rec.jsonl:2: not JSON" && [ "$(wc -l <"$WORK/out")" -eq 1 ] && ok "rpt tag: a NUL byte names its line" || bad "tag NUL" "$(cat "$WORK/err")"; }
run "aggregate: NUL byte" 1 "$AGG" --count "$WORK/nul-rec.jsonl" &&
  { has "$WORK/err" "nul-rec.jsonl:2: not JSON" && [ "$(jq '.[0].count' "$WORK/out")" = 1 ] && ok "rpt aggregate: a NUL byte names its line" || bad "aggregate NUL" "$(cat "$WORK/err")"; }

# --- conventions every tool keeps ----------------------------------------------------------------
for tool in split tag extract aggregate; do
  run "$tool --help" 0 "$RPT" "$tool" --help && { has "$WORK/out" "Examples:" && has "$WORK/out" "Exit status" && ok "rpt $tool --help has examples" || bad "rpt $tool --help" "no examples"; }
  run "$tool --version" 0 "$RPT" "$tool" --version && { has "$WORK/out" "record format 1" && ok "rpt $tool --version" || bad "rpt $tool --version" "$(cat "$WORK/out")"; }
  run "$tool bad flag" 2 "$RPT" "$tool" --no-such-flag && ok "rpt $tool: unknown flag exits 2"
done
# No input named and stdin a terminal: a usage error, not a silent wait.
if command -v script >/dev/null; then
  for tool in split tag extract aggregate; do
    timeout 10 script -qec "$BUILD/rpt-$tool" /dev/null </dev/null >"$WORK/tty.out" 2>&1
    status=$?
    [ "$status" -eq 2 ] && grep -q "no input" "$WORK/tty.out" && ok "rpt $tool on a terminal with no input: usage error" ||
      bad "rpt $tool on a terminal" "status $status: $(head -c 300 "$WORK/tty.out")"
  done
fi
cat "$WORK/seg.jsonl" "$WORK/seg.jsonl" "$WORK/seg.jsonl" >"$WORK/seg3.jsonl"
"$TAG" "$WORK/seg3.jsonl" 2>"$WORK/err" | head -1 >/dev/null
status=${PIPESTATUS[0]}
{ [ "$status" -eq 141 ] || [ "$status" -eq 0 ]; } && [ ! -s "$WORK/err" ] && ok "rpt tag | head is quiet" || bad "rpt tag | head" "status $status $(cat "$WORK/err")"
run "tag -o" 0 "$TAG" -o "$WORK/t.jsonl" "$WORK/seg.jsonl" && { [ "$(wc -l <"$WORK/t.jsonl")" -eq 500 ] && [ ! -s "$WORK/out" ] && ok "rpt tag -o" || bad "rpt tag -o" "lines"; }
"$EXTRACT" "$WORK/seg3.jsonl" 2>"$WORK/err" | head -1 >/dev/null
status=${PIPESTATUS[0]}
{ [ "$status" -eq 141 ] || [ "$status" -eq 0 ]; } && [ ! -s "$WORK/err" ] && ok "rpt extract | head is quiet" || bad "rpt extract | head" "status $status $(cat "$WORK/err")"
run "extract -o" 0 "$EXTRACT" -o "$WORK/x.jsonl" "$WORK/seg.jsonl" && { [ "$(wc -l <"$WORK/x.jsonl")" -eq 500 ] && [ ! -s "$WORK/out" ] && ok "rpt extract -o" || bad "rpt extract -o" "lines"; }
run "aggregate -o" 0 "$AGG" --by doc.type -o "$WORK/a.json" "$WORK/seg.jsonl" && { jq -e 'length == 2' "$WORK/a.json" >/dev/null && ok "rpt aggregate -o" || bad "rpt aggregate -o" "$(cat "$WORK/a.json")"; }

# --- the real corpus ------------------------------------------------------------------------------
if [ -f "$SHARED/corpora/gwr_national.jsonl" ]; then
  run "gwr corpus" 0 "$SPLIT" --text-field content "$SHARED/corpora/gwr_national.jsonl" &&
    { [ "$(jq -r .doc.id "$WORK/out" | uniq | wc -l)" -eq 72 ] && ok "gwr corpus: 72 documents" || bad "gwr corpus" "documents"; }
  # Economic statements are mostly outside the 法治 taxonomy: most sentences stay untagged.
  share=$("$TAG" --quiet "$WORK/out" | jq -s 'map(select(.tags | length > 0)) | length' | awk -v n="$(wc -l <"$WORK/out")" '{ printf "%.3f", $1 / n }')
  awk -v s="$share" 'BEGIN { exit !(s < 0.25) }' && ok "gwr sentences tagged: $share (mostly untagged)" || bad "gwr tagged share" "$share"
  # Quantities of the national reports: many, none a bare year, none stripped of its unit.
  "$EXTRACT" --quiet --types quantity --explode "$WORK/out" >"$WORK/gwr-q.jsonl"
  nq=$(wc -l <"$WORK/gwr-q.jsonl")
  years=$(jq -r 'select(.fact.text | test("^(19|20|１９|２０)[0-9０-９]{2}年")) | .fact.text' "$WORK/gwr-q.jsonl" | wc -l)  # 2600年 is a duration
  bare=$(jq -r 'select(.fact.unit == null and .fact.kind == "count" and (.fact.text | test("[万亿萬億]") | not)) | .fact.text' "$WORK/gwr-q.jsonl" | wc -l)
  [ "$nq" -gt 5000 ] && [ "$years" -eq 0 ] && [ "$bare" -eq 0 ] && ok "gwr corpus: $nq quantities, no year read as one, none without a unit or magnitude" ||
    bad "gwr quantities" "$nq quantities, $years years, $bare bare"
else
  echo "skip gwr corpus (../shared absent)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
