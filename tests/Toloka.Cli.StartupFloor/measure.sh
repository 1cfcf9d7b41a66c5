#!/usr/bin/env bash
# Start-up time of the installed toloka tool beside an empty console app installed the same way
# (dotnet tool install --tool-path, Release): the median wall time of 10 runs of each command, after 2
# warm-ups, and the mean CPU time (user + sys, from /usr/bin/time, less sensitive to a busy machine).
# A second floor, toloka-floor-http (tests/Toloka.Cli.StartupFloor.Http), does only what `pool get`
# must: one HttpClient GET and one Newtonsoft.Json bind, packed ReadyToRun as toloka is.
# Usage: bash tests/Toloka.Cli.StartupFloor/measure.sh   (from the repository root; needs python3, curl, /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'kill "$(cat "$work/fake.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet pack src/Toloka.Cli -c Release -o "$work/pkgs" --nologo -v q >/dev/null
dotnet pack tests/Toloka.Cli.StartupFloor -c Release -o "$work/pkgs" --nologo -v q >/dev/null
dotnet pack tests/Toloka.Cli.StartupFloor.Http -c Release -o "$work/pkgs" --nologo -v q >/dev/null
dotnet tool install Toloka.Cli --tool-path "$work/tool" --add-source "$work/pkgs" --version 0.1.0 >/dev/null
dotnet tool install Toloka.Cli.StartupFloor --tool-path "$work/tool" --add-source "$work/pkgs" --version 0.1.0 >/dev/null
dotnet tool install Toloka.Cli.StartupFloor.Http --tool-path "$work/tool" --add-source "$work/pkgs" --version 0.1.0 >/dev/null

# A stand-in answering GET /api/v1/pools/1 with a pool, on a free loopback port.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 - "$port" >/dev/null 2>&1 <<'PY' &
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"id": "1", "project_id": "10", "private_name": "p", "status": "OPEN", "created": "2024-01-01T00:00:00",
                           "may_contain_adult_content": False, "will_expire": "2030-01-01T00:00:00", "reward_per_assignment": 0.01,
                           "assignment_max_duration_seconds": 600, "defaults": {"default_overlap_for_new_task_suites": 1}}).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
echo $! > "$work/fake.pid"
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/api/v1/pools/1" >/dev/null && break; sleep 0.1; done

median() { # command...; prints "<median wall ms of 10 runs> <mean cpu ms>"
  local runs=() cpu=0
  "$@" >/dev/null 2>&1 || true; "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 10); do
    local start end
    start=$(date +%s%N); /usr/bin/time -f "%U %S" -o "$work/time" "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
    runs+=($(( (end - start) / 1000000 )))
    cpu=$(awk -v c="$cpu" '{print c + ($1 + $2) * 1000}' "$work/time")
  done
  printf '%s\n' "${runs[@]}" | sort -n | awk -v c="$cpu" '{a[NR]=$1} END {print (a[5]+a[6])/2, c/10}'
}

report() { # name, "wall cpu", "floor wall cpu"
  awk -v n="$1" -v w="${2% *}" -v c="${2#* }" -v fw="${3% *}" -v fc="${3#* }" \
    'BEGIN {printf "%s: %s ms (%.2fx), cpu %.0f ms (%.2fx)\n", n, w, w/fw, c, c/fc}'
}

export TOLOKA_TOKEN=startup-benchmark-token
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
floor=$(median "$work/tool/toloka-floor")
version=$(median "$work/tool/toloka" --version)
get=$(median "$work/tool/toloka" pool get 1 --json --base-url "http://127.0.0.1:$port/api/v1")
http_floor=$(median "$work/tool/toloka-floor-http" "http://127.0.0.1:$port/api/v1/pools/1")
curl_ms=$(median curl -sf "http://127.0.0.1:$port/api/v1/pools/1")
report "empty console app (toloka-floor)" "$floor" "$floor"
report "toloka --version" "$version" "$floor"
report "toloka pool get 1 --json" "$get" "$floor"
report "GET + JSON bind app (toloka-floor-http)" "$http_floor" "$floor"
echo "curl of the same URL: ${curl_ms% *} ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
