#!/usr/bin/env bash
# Install tests: the installed tools work with the source tree out of reach.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR [--deb]
#   default: `cmake --install` to a temporary prefix, then the prefix is moved elsewhere (the
#            tools must find their patterns beside themselves, not where they were configured);
#   --deb:   `cpack -G DEB`, `dpkg -i` the package, the tour, `dpkg -r` (needs root and dpkg;
#            skipped with exit 77 otherwise).
# The tour runs with the source tree hidden: in a private mount namespace with an empty
# directory mounted over it when unshare can do that (root), and always with a probe pack added
# to the installed patterns, so a tool that read the source tree's patterns instead is caught.
set -u
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
MODE=${3:-prefix}
WORK=$(mktemp -d /tmp/rpt_install_test.XXXXXX)
DEB_INSTALLED=""
cleanup() {
  [ -n "$DEB_INSTALLED" ] && dpkg -r rpt >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# The inputs the tour reads, copied out of the source tree before it is hidden.
mkdir -p "$WORK/data"
cp -r "$SRC/testdata/seeds" "$WORK/data/seeds"

# tour BIN_DIR SHARE_DIR: a short run of the four tools, from a directory outside the source tree.
tour() {
  local bin=$1 share=$2 where=$3
  printf '[探针.安装]\nterms: 行政复议\n' >"$share/rpt/patterns/tag/zz-probe.pack"
  cat >"$WORK/tour.sh" <<EOF
set -e
cd "$WORK/data"
export PATH="$bin:/usr/bin:/bin"
unset RPT_PATTERNS
[ -d "$SRC/patterns" ] && echo "source tree visible" >&2
rpt --version
rpt split --quiet seeds >seg.jsonl
rpt tag --quiet seg.jsonl >tagged.jsonl
rpt extract --quiet --types indicator tagged.jsonl >facts.jsonl
rpt aggregate --where 'tags[]=探针.安装' --count --format tsv tagged.jsonl
rpt aggregate --where 'facts[].metric=行政机关负责人出庭应诉率' --by doc.region.name \
  --max 'facts[].value' --format tsv facts.jsonl
EOF
  local hidden="no"
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null &&
    unshare -m --propagation private true 2>/dev/null; then
    mkdir -p "$WORK/empty"
    unshare -m --propagation private bash -c "mount --bind '$WORK/empty' '$SRC' && bash '$WORK/tour.sh'" \
      >"$WORK/out" 2>"$WORK/err"
    hidden="yes"
  else
    bash "$WORK/tour.sh" >"$WORK/out" 2>"$WORK/err"
  fi
  local status=$?
  rm -f "$share/rpt/patterns/tag/zz-probe.pack"
  local want
  want=$(printf 'rpt 0.1.0\ncount\n9\ndoc.region.name\tmax(facts[].value)\n屯溪区\t100\n徂汶景区\t100\n沙坡头区\t100')
  if [ "$status" -ne 0 ]; then
    bad "tour ($where)" "exit status $status" "$(head -c 800 "$WORK/err")"
  elif [ "$(cat "$WORK/out")" != "$want" ]; then
    bad "tour ($where)" "output:" "$(cat "$WORK/out")" "expected:" "$want"
  else
    ok "tour ($where; source tree hidden: $hidden$(grep -q 'source tree visible' "$WORK/err" && echo ', but visible'))"
  fi
}

if [ "$MODE" = --deb ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v dpkg >/dev/null || ! command -v cpack >/dev/null; then
    echo "skip: the .deb test needs root, dpkg and cpack"
    exit 77
  fi
  if dpkg-query -W rpt >/dev/null 2>&1; then
    echo "skip: a package named rpt is installed already (not touching it)"
    exit 77
  fi
  if (cd "$BUILD" && cpack -G DEB -B "$WORK/pkg" >"$WORK/cpack.log" 2>&1); then
    ok "cpack -G DEB"
  else
    bad "cpack -G DEB" "$(tail -5 "$WORK/cpack.log")"
    exit 1
  fi
  deb=$(ls "$WORK"/pkg/rpt_*.deb | head -1)
  for _ in 1 2 3 4 5 6; do  # another dpkg may hold the lock for a moment
    dpkg -i "$deb" >"$WORK/dpkg.log" 2>&1 && { DEB_INSTALLED=1; break; }
    sleep 5
  done
  if [ -n "$DEB_INSTALLED" ]; then ok "dpkg -i $(basename "$deb")"; else
    bad "dpkg -i" "$(tail -5 "$WORK/dpkg.log")"
    exit 1
  fi
  for f in /usr/bin/rpt /usr/bin/rpt-split /usr/share/rpt/patterns/tag /usr/share/man/man1/rpt-tag.1.gz \
    /usr/share/bash-completion/completions/rpt /usr/share/zsh/site-functions/_rpt; do
    [ -e "$f" ] || bad "installed: $f" "missing"
  done
  tour /usr/bin /usr/share ".deb in /usr"
  dpkg -r rpt >"$WORK/dpkg.log" 2>&1 && { DEB_INSTALLED=""; ok "dpkg -r rpt"; } ||
    bad "dpkg -r rpt" "$(tail -3 "$WORK/dpkg.log")"
  [ ! -e /usr/bin/rpt-split ] || bad "dpkg -r rpt" "/usr/bin/rpt-split still there"
else
  if cmake --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1; then
    ok "cmake --install --prefix"
  else
    bad "cmake --install" "$(tail -5 "$WORK/install.log")"
    exit 1
  fi
  # Moved after installing: nothing may depend on where it was installed.
  mv "$WORK/prefix" "$WORK/moved"
  P="$WORK/moved"
  for f in bin/rpt bin/rpt-split bin/rpt-tag bin/rpt-extract bin/rpt-aggregate \
    share/rpt/patterns/tag share/bash-completion/completions/rpt share/zsh/site-functions/_rpt; do
    [ -e "$P/$f" ] || bad "installed: $f" "missing"
  done
  if command -v help2man >/dev/null; then
    for t in rpt rpt-split rpt-tag rpt-extract rpt-aggregate; do
      [ -s "$P/share/man/man1/$t.1.gz" ] || bad "man page $t.1.gz" "missing"
    done
    zcat "$P/share/man/man1/rpt-tag.1.gz" >"$WORK/man"
    grep -q 'filter' "$WORK/man" && grep -q '法治政府建设' "$WORK/man" && ok "man pages" ||
      bad "man pages" "rpt-tag.1 lacks --filter or its Chinese text"
  fi
  # The bash completion offers a tool's flags.
  out=$(PATH="$P/bin:$PATH" bash -c "source '$P/share/bash-completion/completions/rpt'
    COMP_WORDS=(rpt aggregate --wh); COMP_CWORD=2; _rpt; echo \"\${COMPREPLY[*]}\"")
  [ "$out" = "--where" ] && ok "bash completion" || bad "bash completion" "got: $out"
  tour "$P/bin" "$P/share" "prefix moved"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
