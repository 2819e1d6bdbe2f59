#!/usr/bin/env bash
# Measures streamed HTTP bodies on http_bench_server --files with curl: a PUT
# of SIZE MiB into a file sink (Content-Length, then chunked), and a GET of a
# SIZE MiB file (sendfile). Prints MB/s and the server's peak RSS above idle
# for each (VmHWM, reset between runs through /proc/PID/clear_refs), and
# checks that the bytes arrived intact. Not part of ctest.
#
#   bench/load/http_stream_bench.sh BUILD_DIR [SIZE_MIB=1024]
set -euo pipefail
build=${1:?usage: http_stream_bench.sh BUILD_DIR [SIZE_MIB]}
size_mib=${2:-1024}
server_binary="$build/bench/load/http_bench_server"
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/files"
dd if=/dev/urandom of="$work/source" bs=1M count="$size_mib" status=none
"$server_binary" --port 0 --threads 2 --files "$work/files" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  grep -q '^listening on' "$work/server.log" && break
  sleep 0.05
done
port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/server.log")
url="http://127.0.0.1:$port/files"

kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$server_pid/status"; }
# Prints the server's user + system CPU time so far, in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
echo "idle VmRSS: $(kib VmRSS) KiB"

# run NAME CURL_ARGS...: runs curl, prints its speed, the server's CPU time
# and its peak RSS above idle.
run() {
  local name=$1; shift
  local idle ticks_before
  idle=$(kib VmRSS)
  ticks_before=$(ticks)
  echo 5 >"/proc/$server_pid/clear_refs"  # Resets VmHWM to the current RSS.
  local speed
  speed=$(curl -sS --fail "$@")
  local peak cpu
  peak=$(kib VmHWM)
  cpu=$(( $(ticks) - ticks_before ))
  awk -v name="$name" -v speed="$speed" -v idle="$idle" -v peak="$peak" -v mib="$size_mib" \
    -v cpu="$cpu" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%-20s %5d MiB %6.0f MB/s  server CPU %5.2f s  peak RSS +%.1f MiB (VmHWM %d KiB)\n",
             name, mib, speed / 1e6, cpu / hz, (peak - idle) / 1024, peak }'
}

run "PUT Content-Length" -T "$work/source" -o /dev/null -w '%{speed_upload}' "$url/put-length"
cmp "$work/source" "$work/files/put-length"
run "PUT chunked" -T - -H 'Transfer-Encoding: chunked' -o /dev/null -w '%{speed_upload}' \
  "$url/put-chunked" <"$work/source"
cmp "$work/source" "$work/files/put-chunked"
mv "$work/source" "$work/files/source"
run "GET (sendfile)" -o /dev/null -w '%{speed_download}' "$url/source"
curl -sS --fail "$url/source" | cmp - "$work/files/source"
echo "all bodies intact"
