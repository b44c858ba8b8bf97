#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster of its own, e.g. the infrastructure tests:
#   tests/postgres.sh dotnet test tests/EduGov.Infrastructure.Tests -c Release
# The cluster lives in a temporary directory on a free local port, with durability turned off (nothing in it outlives the
# run); it is stopped and removed when the command ends, however it ends. The command sees EDUGOV_TEST_PROVIDER=PostgreSql
# and EDUGOV_TEST_POSTGRES (the server's connection string, without a database). PostgreSQL comes from Debian's packages,
# installed through apt when missing; it refuses to run as root, so as root its programs run as the `postgres` user the
# package creates.
set -euo pipefail

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ ! -x "$(bin_dir)/initdb" ]; then
  echo "Installing postgresql through apt"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql
fi
bin=$(bin_dir)

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# In memory where the machine has room (2 GB; a container's /dev/shm is often 64 MB): each test's database is a copy of a
# seeded template, 263 a run, one at a time. On disk a copy took 0.7 s (median), in /dev/shm most take under 0.05 s.
parent=${TMPDIR:-/tmp}
if [ -w /dev/shm ] && [ "$(df --output=avail -k /dev/shm 2>/dev/null | tail -1)" -ge 2097152 ] 2>/dev/null; then parent=/dev/shm; fi
dir=$(mktemp -d "$parent/edugov-pg.XXXXXX")
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
stop() {
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM HUP # through the EXIT trap: a stopped run stops its cluster too

# A port nothing listens on (bash's /dev/tcp fails to connect to it).
for _ in $(seq 50); do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done

as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# More connections than the default 100: the concurrency tests open a pool's worth while other tests run.
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir, removed at exit)"

export EDUGOV_TEST_PROVIDER=PostgreSql
export EDUGOV_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
set +e
"$@"
status=$?
set -e
if [ "$status" -ne 0 ] && grep -qE '^(.* )?(ERROR|FATAL|PANIC):' "$dir/server.log"; then
  echo "--- the PostgreSQL server's errors (last 40) ---"
  grep -E 'ERROR|FATAL|PANIC' "$dir/server.log" | tail -40
fi
exit "$status"
