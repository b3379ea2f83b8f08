#!/usr/bin/env bash
# docs/scale-out.md's recipes, run exactly as documented: every ```sh block after a
# `<!-- recipe: NAME -->` line is extracted from the doc and run with bash (nothing is copied
# into this script). The results of GNU parallel on one machine, GNU parallel over ssh (an sshd
# started on localhost; skipped with a message where it cannot start) and the Slurm scripts run
# by hand equal one run. Also: --merge refuses a partial file of another format version.
# Usage: scaleout_test.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
DOC="$SRC/docs/scale-out.md"
CORPUS="$SRC/../shared/corpora/gwr_national.jsonl"
WORK=$(mktemp -d /tmp/rpt_scaleout_test.XXXXXX)
SSHD_PID=
trap '[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export PATH="$BUILD:$PATH"
cd "$WORK"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# The ```sh block that follows `<!-- recipe: NAME -->` in the doc.
recipe() {
  awk -v name="$1" '
    $0 == "<!-- recipe: " name " -->" { want = 1; next }
    want && /^```sh$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }' "$DOC"
}
run_recipe() {  # NAME: runs it from $WORK, the project's scripts/ reachable as scripts/
  local text
  text=$(recipe "$1")
  [ -n "$text" ] || { bad "recipe $1" "no such recipe in docs/scale-out.md"; return 1; }
  bash -euo pipefail -c "$text" >"out.$1" 2>"err.$1" || {
    bad "recipe $1" "failed:" "$(tail -5 "err.$1")"
    return 1
  }
}
same() {  # NAME FILE: FILE equals the one run's result
  if cmp -s "$2" one-run.json; then ok "$1"; else bad "$1" "$(diff one-run.json "$2" | head -5 | cut -c1-200)"; fi
}

# reports/: the seeds and, with ../shared, 20 national reports as text files.
mkdir reports
cp "$SRC"/testdata/seeds/*.txt reports/
if [ -f "$CORPUS" ]; then
  head -20 "$CORPUS" | python3 -c '
import json, sys
for i, line in enumerate(sys.stdin):
    open(f"reports/gwr_{i:02d}.txt", "w", encoding="utf-8").write(json.loads(line)["content"])'
fi
ln -s "$SRC/scripts" scripts

run_recipe make-shards && [ "$(ls shards/shard-*.jsonl | wc -l)" -eq 8 ] &&
  [ "$(cat shards/*.jsonl | wc -l)" -eq "$(rpt split --quiet reports/ | wc -l)" ] &&
  ok "make-shards: 8 shards holding every record"
run_recipe one-run && [ "$(jq length one-run.json)" -gt 10 ] && ok "one-run: $(jq length one-run.json) rows"

rm -f shards/*.part by-type-and-tag.json
run_recipe parallel-local && same "GNU parallel -j 4 over shards, merged, equals one run" by-type-and-tag.json

# --- ssh to localhost ------------------------------------------------------------------------------
start_sshd() {
  local sshd=/usr/sbin/sshd
  [ -x "$sshd" ] || { echo "no sshd ($sshd)"; return 1; }
  command -v ssh >/dev/null && command -v ssh-keygen >/dev/null && command -v rsync >/dev/null ||
    { echo "no ssh, ssh-keygen or rsync"; return 1; }
  mkdir -p ssh
  ssh-keygen -q -t ed25519 -N '' -f ssh/host_key || return 1
  ssh-keygen -q -t ed25519 -N '' -f ssh/id || return 1
  cp ssh/id.pub ssh/authorized_keys
  chmod 600 ssh/authorized_keys ssh/id ssh/host_key
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >ssh/sshd_config <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $WORK/ssh/host_key
AuthorizedKeysFile $WORK/ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PidFile $WORK/ssh/sshd.pid
CFG
  [ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
  "$sshd" -D -e -f "$WORK/ssh/sshd_config" </dev/null >/dev/null 2>ssh/log &
  SSHD_PID=$!
  local login="ssh -p $port -i $WORK/ssh/id -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR 127.0.0.1"
  for _ in $(seq 1 50); do
    if $login true 2>/dev/null; then
      echo "2/$login" >hosts.txt
      return 0
    fi
    kill -0 "$SSHD_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "sshd did not accept a login: $(tail -3 ssh/log)"
  return 1
}
# Not in $(…): the function must set SSHD_PID here, and a command substitution would wait for sshd.
if start_sshd >why.sshd; then
  rm -f shards/*.part by-type-and-tag.json
  run_recipe parallel-ssh && same "GNU parallel --sshloginfile (sshd on localhost), merged, equals one run" by-type-and-tag.json
  # The work was done over ssh: the shards went to the host's work directory and came back.
  grep -q "Accepted publickey" ssh/log && ok "the ssh recipe logged in through sshd" || bad "ssh login" "$(tail -3 ssh/log)"
else
  echo "skip GNU parallel over ssh: $(cat why.sshd)"
fi

# --- Slurm, by hand ---------------------------------------------------------------------------------
rm -f shards/*.part by-type-and-tag.json
run_recipe slurm-by-hand && same "Slurm array script (8 tasks by hand) and merge script equal one run" by-type-and-tag.json
grep -q '^#SBATCH --array=0-7$' "$SRC/scripts/slurm/rpt-shard.sbatch" &&
  ok "the array's range matches the 8 shards" || bad "sbatch array range"
( unset SLURM_ARRAY_TASK_ID; bash scripts/slurm/rpt-shard.sbatch ) 2>err.noid
[ $? -ne 0 ] && grep -q "SLURM_ARRAY_TASK_ID" err.noid && ok "the shard script outside an array says what it needs" ||
  bad "shard script without a task id" "$(cat err.noid)"

# --- the partial format's version --------------------------------------------------------------
sed '1s/"rpt_aggregate_partial":[0-9]*/"rpt_aggregate_partial":99/' shards/shard-03.part >v2.part
rpt aggregate --merge --by 'doc.type,tags[]' --count shards/shard-00.part v2.part -o merged.json 2>err.v2
[ $? -eq 1 ] && grep -q "v2.part:1: partial file of format version 99; this rpt aggregate reads version" err.v2 && [ ! -e merged.json ] &&
  ok "--merge refuses a partial file of another version, naming it" || bad "partial version" "$(cat err.v2)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
