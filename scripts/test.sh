#!/usr/bin/env bash
# Builds the solution and runs every test against throwaway MariaDB and Redis servers.
#
#   scripts/test.sh [extra dotnet test arguments]     e.g. scripts/test.sh --filter "Category!=Browser"
#
# Everything it starts (servers, their data and logs, test results, the publish output) lives in one
# temp folder that is removed on exit; PRODUCTIVITY_TEST_KEEP_TMP=1 keeps the folder for a post-mortem.
# The last line printed is always "N passed, N failed[, N skipped]", and the exit code is non-zero
# exactly when that line has failures.
set -euo pipefail

cd "$(dirname "$0")/.."

# Overridable only so the script itself can be tested on a scratch solution.
SOLUTION="${PRODUCTIVITY_SOLUTION:-Productivity.sln}"
WEB_PROJECT="${PRODUCTIVITY_WEB_PROJECT:-Productivity.Web/Productivity.Web.csproj}"
STARTUP_TIMEOUT=30

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Idle MSBuild worker nodes would outlive the script; one build gains nothing from reusing them.
export MSBUILDDISABLENODEREUSE=1

passed=0 failed=0 skipped=0
summary_printed=0
TMP="" MYSQL_PID="" REDIS_PID=""

log() { echo "test.sh: $*"; }

print_summary() {
  local line="$passed passed, $failed failed"
  if ((skipped > 0)); then line+=", $skipped skipped"; fi
  echo "$line"
  summary_printed=1
}

# SIGTERM, up to 20 s for a clean shutdown (an exited child lingers as a zombie until waited for),
# then SIGKILL, then reap it.
stop_server() {
  local i state
  kill "$1" 2>/dev/null || return 0
  for ((i = 0; i < 200; i++)); do
    { read -r _ _ state _ <"/proc/$1/stat"; } 2>/dev/null || break
    [[ $state == Z ]] && break
    sleep 0.1
  done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Stops the servers and removes the temp folder. Quiet and idempotent: it runs before the summary
# (so the summary stays the last line) and again from the EXIT trap.
cleanup() {
  local pid
  for pid in $MYSQL_PID $REDIS_PID; do stop_server "$pid"; done
  MYSQL_PID="" REDIS_PID=""
  if [[ -n $TMP && -d $TMP ]]; then
    if [[ ${PRODUCTIVITY_TEST_KEEP_TMP:-0} == 1 ]]; then
      log "kept $TMP" >&2
    else
      rm -rf "$TMP"
    fi
  fi
  TMP=""
}

# Normal end: clean up, print the summary last, exit.
finish() {
  cleanup
  print_summary
  exit "$1"
}

# Any other end (an unexpected error under set -e, or a signal): still clean up and still leave a
# summary line that shows a failure.
# shellcheck disable=SC2317 # called by the trap
on_exit() {
  local rc=$?
  trap - EXIT
  cleanup
  if ((!summary_printed)); then
    ((rc != 0)) || rc=1
    log "aborted (exit code $rc)" >&2
    failed=$((failed + 1))
    print_summary
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TMP="$(mktemp -d "${TMPDIR:-/tmp}/productivity-test.XXXXXX")"
log "temp folder (server data and logs, test results): $TMP"

# --- Prerequisites ------------------------------------------------------------------------------
# mariadbd lives in /usr/sbin, which a non-root PATH may lack.
PATH="$PATH:/usr/sbin"
missing=()
{ command -v mariadbd && command -v mariadb-install-db && command -v mariadb; } >/dev/null || missing+=(mariadb-server)
{ command -v redis-server && command -v redis-cli; } >/dev/null || missing+=(redis-server)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
if ! command -v dotnet >/dev/null; then
  # Not a Debian package: the .NET 10 SDK comes from Microsoft's installers.
  log "the .NET SDK (dotnet, version from global.json) is not on PATH" >&2
  failed=1
  finish 2
fi
if ((${#missing[@]} > 0)); then
  if ((EUID != 0)); then
    log "missing packages: ${missing[*]}" >&2
    log "install them with: sudo apt-get install ${missing[*]}" >&2
    failed=1
    finish 2
  fi
  log "installing ${missing[*]} (apt log: $TMP/apt.log)"
  # The lock timeout waits for another apt run instead of failing at once.
  if ! { apt-get -o DPkg::Lock::Timeout=300 update -q &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "${missing[@]}"; } \
    >"$TMP/apt.log" 2>&1; then
    tail -n 30 "$TMP/apt.log" >&2
    log "apt-get failed" >&2
    failed=1
    finish 1
  fi
fi

# --- Servers ------------------------------------------------------------------------------------
# Two distinct free loopback ports: both sockets stay open until both numbers are known.
read -r MYSQL_PORT REDIS_PORT < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks: s.close()')

# Prints the end of a server log and fails the run.
server_failed() {
  log "$1" >&2
  [[ -f $2 ]] && tail -n 40 "$2" >&2
  failed=1
  finish 1
}

start_time=$(date +%s.%N)

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
  --dir "$TMP" --daemonize no >"$TMP/redis.log" 2>&1 &
REDIS_PID=$!

# --no-defaults: the machine's /etc/mysql config (pid file in /run/mysqld, log paths) must not apply.
# The charset matches Debian's packaged server config; durability is traded for speed.
MYSQL_OPTS=(--no-defaults --datadir="$TMP/db" --socket="$TMP/mysqld.sock")
if ((EUID == 0)); then MYSQL_OPTS+=(--user=root); fi
mkdir -p "$TMP/db"
if ! mariadb-install-db "${MYSQL_OPTS[@]}" --auth-root-authentication-method=normal --skip-test-db \
  >"$TMP/mariadb-install.log" 2>&1; then
  server_failed "mariadb-install-db failed" "$TMP/mariadb-install.log"
fi
mariadbd "${MYSQL_OPTS[@]}" --port="$MYSQL_PORT" --bind-address=127.0.0.1 \
  --pid-file="$TMP/mysqld.pid" --skip-name-resolve \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
  --innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0 >"$TMP/mariadb.log" 2>&1 &
MYSQL_PID=$!

mysql_root() { mariadb --no-defaults --socket="$TMP/mysqld.sock" -uroot "$@"; }

deadline=$((SECONDS + STARTUP_TIMEOUT))
until redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do
  kill -0 "$REDIS_PID" 2>/dev/null || server_failed "redis-server exited" "$TMP/redis.log"
  ((SECONDS < deadline)) || server_failed "redis-server not ready after ${STARTUP_TIMEOUT}s" "$TMP/redis.log"
  sleep 0.1
done
until mysql_root -e 'SELECT 1' >/dev/null 2>&1; do
  kill -0 "$MYSQL_PID" 2>/dev/null || server_failed "mariadbd exited" "$TMP/mariadb.log"
  ((SECONDS < deadline)) || server_failed "mariadbd not ready after ${STARTUP_TIMEOUT}s" "$TMP/mariadb.log"
  sleep 0.2
done

# Tests create and drop their own databases, so the test user gets every privilege.
mysql_root -e "CREATE USER 'productivity'@'127.0.0.1' IDENTIFIED BY 'productivity-test';
  GRANT ALL PRIVILEGES ON *.* TO 'productivity'@'127.0.0.1' WITH GRANT OPTION;"
# "10.11.14-MariaDB-0+deb12u2" -> "10.11.14-mariadb", the form Pomelo's ServerVersion.Parse takes.
version="$(mysql_root -N -B -e 'SELECT VERSION()')"
if [[ ${version,,} == *mariadb* ]]; then flavour=mariadb; else flavour=mysql; fi
MYSQL_VERSION="${version%%-*}-$flavour"

log "MariaDB $MYSQL_VERSION on 127.0.0.1:$MYSQL_PORT and Redis on 127.0.0.1:$REDIS_PORT ready in" \
  "$(python3 -c "print(f'{$(date +%s.%N) - $start_time:.1f}')")s (logs: $TMP/mariadb.log, $TMP/redis.log)"

export PRODUCTIVITY_TEST_MYSQL="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=productivity;Password=productivity-test"
export PRODUCTIVITY_TEST_MYSQL_VERSION="$MYSQL_VERSION"
export PRODUCTIVITY_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export PRODUCTIVITY_TEST_CHROMIUM=/usr/bin/chromium

# --- Build --------------------------------------------------------------------------------------
log "dotnet build $SOLUTION -c Release"
if ! dotnet build "$SOLUTION" -c Release 2>&1 | tee "$TMP/build.log"; then
  log "build failed:" >&2
  # The errors again without the noise around them (the log repeats each one in its summary).
  grep -E ': error( [A-Z]+[0-9]+)? ?:' "$TMP/build.log" | sort -u >&2 || tail -n 20 "$TMP/build.log" >&2
  failed=1
  finish 1
fi

# --- Tests --------------------------------------------------------------------------------------
# One TRX file per test assembly in the results folder; extra script arguments go to dotnet test.
RESULTS="$TMP/results"
log "dotnet test $SOLUTION -c Release --no-build ${*@Q}"
test_rc=0
dotnet test "$SOLUTION" -c Release --no-build --results-directory "$RESULTS" \
  --logger trx --logger "console;verbosity=normal" "$@" || test_rc=$?

# Sum the <Counters> of every TRX file. The TRX logger does not count skipped tests in notExecuted:
# they are the ones in total that were not executed.
read -r trx_files trx_passed trx_failed trx_skipped < <(python3 - "$RESULTS" <<'PY'
import pathlib, sys
import xml.etree.ElementTree as ET

results = pathlib.Path(sys.argv[1])
files = sorted(results.rglob("*.trx")) if results.is_dir() else []
passed = failed = skipped = 0
for f in files:
    elements = list(ET.parse(f).iter())
    local = lambda e: e.tag.rsplit("}", 1)[-1]
    counters = next((e for e in elements if local(e) == "Counters"), None)
    if counters is None:
        print(f"test.sh: {f}: no <Counters> element", file=sys.stderr)
        failed += 1
        continue
    n = lambda name: int(counters.get(name, 0))
    p, x = n("passed"), n("failed") + n("error") + n("timeout") + n("aborted")
    s = max(n("total") - n("executed"), 0)
    passed, failed, skipped = passed + p, failed + x, skipped + s
    # Name the test assembly rather than the machine-and-time TRX file name.
    test = next((e for e in elements if local(e) == "UnitTest" and e.get("storage")), None)
    name = pathlib.Path(test.get("storage")).name if test is not None else f.name
    print(f"test.sh: {name}: {p} passed, {x} failed, {s} skipped", file=sys.stderr)
print(len(files), passed, failed, skipped)
PY
)
passed=$((passed + trx_passed)) failed=$((failed + trx_failed)) skipped=$((skipped + trx_skipped))

if ((test_rc != 0 && trx_failed == 0)); then
  # dotnet test failed without a failing test in any TRX: a crash, a test host that died, or a
  # project that wrote no results. Count it so the run cannot pass.
  if ((trx_files == 0)); then log "dotnet test exited with $test_rc and wrote no TRX file" >&2
  else log "dotnet test exited with $test_rc although no TRX file records a failure" >&2; fi
  failed=$((failed + 1))
elif ((trx_passed + trx_failed == 0)); then
  log "no test ran" >&2
  failed=$((failed + 1))
fi

# --- Publish ------------------------------------------------------------------------------------
# The same publish the Dockerfile runs, counted as one more test.
log "dotnet publish $WEB_PROJECT -c Release --no-restore"
if dotnet publish "$WEB_PROJECT" -c Release -o "$TMP/publish" --no-restore >"$TMP/publish.log" 2>&1; then
  log "publish: passed"
  passed=$((passed + 1))
else
  tail -n 30 "$TMP/publish.log" >&2
  log "publish: failed" >&2
  failed=$((failed + 1))
fi

if ((failed > 0)); then finish 1; fi
finish 0
