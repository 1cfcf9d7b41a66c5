#!/usr/bin/env bash
# Start-up time of the installed toloka tool beside an empty console app installed the same way
# (dotnet tool install --tool-path, Release): per command the median wall time of 10 runs, after 2
# warm-ups, and the mean CPU time (user + sys, from /usr/bin/time, less sensitive to a busy machine).
# The commands take turns, one run each per round, so a change in the machine's load touches them alike.
# A second floor, toloka-floor-http (tests/Toloka.Cli.StartupFloor.Http), does only what `pool get`
# must: one HttpClient GET and one Newtonsoft.Json bind, packed ReadyToRun as toloka is.
# BASELINE=<commit> also packs toloka from that commit (git archive, no worktree) and times it beside.
# The Native AOT tool (README, "The toloka command": -p:TolokaAot=true, a pointer package and a
# linux-x64 package) is packed, installed the same way and timed beside when a C compiler for the
# native link is found: CLANG=<compiler> (clang-14, say), else clang on PATH; AOT=0 leaves it out.
# Usage: [BASELINE=<commit>] [CLANG=clang-14] [AOT=0] bash tests/Toloka.Cli.StartupFloor/measure.sh
#        (from the repository root; needs python3, curl, /usr/bin/time)
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
clang="${CLANG:-$(command -v clang || true)}"
if [ "${AOT:-1}" != 0 ] && [ -n "$clang" ]; then
  # Its own version (0.1.0-aot), so no copy of the ReadyToRun package can stand in for it.
  dotnet pack src/Toloka.Cli -c Release -o "$work/aot-pkgs" --nologo -v q -p:TolokaAot=true -p:VersionSuffix=aot >/dev/null
  dotnet pack src/Toloka.Cli -c Release -r linux-x64 -o "$work/aot-pkgs" --nologo -v q -p:TolokaAot=true -p:VersionSuffix=aot -p:CppCompilerAndLinker="$clang" >/dev/null
  dotnet tool install Toloka.Cli --tool-path "$work/aot-tool" --add-source "$work/aot-pkgs" --version 0.1.0-aot >/dev/null
else
  clang=""
fi
if [ -n "${BASELINE:-}" ]; then
  mkdir "$work/base"
  git archive "$BASELINE" | tar -x -C "$work/base"
  # Outside a git repository: no SourceLink queries.
  dotnet pack "$work/base/src/Toloka.Cli" -c Release -o "$work/base-pkgs" --nologo -v q -p:EnableSourceControlManagerQueries=false -p:EnableSourceLink=false >/dev/null
  dotnet tool install Toloka.Cli --tool-path "$work/base-tool" --add-source "$work/base-pkgs" --version 0.1.0 >/dev/null
fi

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

export TOLOKA_TOKEN=startup-benchmark-token
url="http://127.0.0.1:$port/api/v1"
names=("empty console app (toloka-floor)" "toloka --version" "toloka pool get 1 --json" "GET + JSON bind app (toloka-floor-http)")
commands=("$work/tool/toloka-floor" "$work/tool/toloka --version" "$work/tool/toloka pool get 1 --json --base-url $url" "$work/tool/toloka-floor-http $url/pools/1")
if [ -n "$clang" ]; then
  names+=("Native AOT: toloka --version" "Native AOT: toloka pool get 1 --json")
  commands+=("$work/aot-tool/toloka --version" "$work/aot-tool/toloka pool get 1 --json --base-url $url")
fi
if [ -n "${BASELINE:-}" ]; then
  names+=("baseline ${BASELINE}: toloka --version" "baseline ${BASELINE}: toloka pool get 1 --json")
  commands+=("$work/base-tool/toloka --version" "$work/base-tool/toloka pool get 1 --json --base-url $url")
fi

# Every `pool get` must print the pool before it is timed (a tool that fails fast would look fast).
for c in "${!commands[@]}"; do
  case "${commands[$c]}" in
    *"pool get"*) ${commands[$c]} | grep -q '"id":"1"' || { echo "${names[$c]}: no pool in its output" >&2; exit 1; } ;;
  esac
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${!commands[@]}"; do
  ${commands[$c]} >/dev/null 2>&1 || true; ${commands[$c]} >/dev/null 2>&1 || true
  : > "$work/runs.$c"
done
for _ in $(seq 1 10); do
  for c in "${!commands[@]}"; do
    start=$(date +%s%N); /usr/bin/time -f "%U %S" -o "$work/time" ${commands[$c]} >/dev/null 2>&1 || true; end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 )) $(awk '{print ($1 + $2) * 1000}' "$work/time")" >> "$work/runs.$c"
  done
done

stats() { # runs file -> "<median wall ms> <mean cpu ms>"
  sort -n "$1" | awk '{w[NR]=$1; c+=$2} END {print (w[5]+w[6])/2, c/NR}'
}
read -r floor_wall floor_cpu < <(stats "$work/runs.0")
for c in "${!commands[@]}"; do
  read -r wall cpu < <(stats "$work/runs.$c")
  awk -v n="${names[$c]}" -v w="$wall" -v c="$cpu" -v fw="$floor_wall" -v fc="$floor_cpu" \
    'BEGIN {printf "%s: %s ms (%.2fx), cpu %.0f ms (%.2fx)\n", n, w, w/fw, c, c/fc}'
done
curl_runs=()
for _ in $(seq 1 10); do
  start=$(date +%s%N); curl -sf "$url/pools/1" >/dev/null; end=$(date +%s%N)
  curl_runs+=($(( (end - start) / 1000000 )))
done
echo "curl of the same URL: $(printf '%s\n' "${curl_runs[@]}" | sort -n | awk '{a[NR]=$1} END {print (a[5]+a[6])/2}') ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
