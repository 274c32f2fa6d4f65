#!/usr/bin/env bash
# What a hostile hierarchy import costs the server: a header and ROWS (default 2,000,000) one-character bad rows,
# about 4 MB. Builds the gateway (Release), starts it on a fresh database in a temporary folder, posts the file once,
# and prints the answer's size and status, the time, and the server's resident memory before the import and at its
# peak (VmHWM, the high-water mark of the process's resident set since it started).
#   bash bench/hostile-import.sh [ROWS]
set -euo pipefail
rows=${1:-2000000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release -v quiet -nologo "$root/src/Platform.Gateway" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$root/src/Platform.Gateway/bin/Release/net10.0/Platform.Gateway.dll" --urls "http://127.0.0.1:$port" \
  --Platform:Seed:Demo=false --Platform:Sqlite:Path="$work/platform.db" --Logging:LogLevel:Default=Warning \
  --Platform:SiloPort=$((port + 1)) --Platform:GatewayPort=$((port + 2)) >"$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs -X PUT "$base/api/v1/tenants/hostile" -H 'Content-Type: application/json' -d '{"name":"hostile"}' >/dev/null

awk -v n="$rows" 'BEGIN { print "kind,code,name,parentCode"; for (i = 0; i < n; i++) print "x" }' >"$work/hostile.csv"
rss() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$pid/status"; }
before=$(rss VmRSS) before_peak=$(rss VmHWM)
start=$(date +%s.%N)
read -r status bytes < <(curl -s -o "$work/answer" -w '%{http_code} %{size_download}\n' \
  -H 'Content-Type: text/csv' -H 'Prefer: wait=60' --data-binary @"$work/hostile.csv" "$base/api/v1/tenants/hostile/imports/hierarchy")
end=$(date +%s.%N)
printf 'file: %s rows, %s bytes\n' "$rows" "$(stat -c %s "$work/hostile.csv")"
printf 'answer: HTTP %s, %s bytes, %.1f s\n' "$status" "$bytes" "$(echo "$end - $start" | bc)"
printf 'server resident memory: %s MB before (peak so far %s MB), %s MB peak (VmHWM), %s MB after\n' "$before" "$before_peak" "$(rss VmHWM)" "$(rss VmRSS)"
head -c 600 "$work/answer"; echo
