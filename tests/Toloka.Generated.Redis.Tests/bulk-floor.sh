#!/usr/bin/env bash
# Bulk work at the floor (BENCHMARKS.md): the installed toloka tool (dotnet tool install --tool-path,
# Release) against the fake Toloka, which enforces 20 clones a minute in a sliding window:
#   100 archives of 2-second operations, one process;  30 clones with --wait, one process;
#   30 clones with --wait in three processes sharing one Redis (redis-server, or the embedded Garnet).
# Each prints its time as a ratio to its floor. Usage, from the repository root:
#   bash tests/Toloka.Generated.Redis.Tests/bulk-floor.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MSBUILDDISABLENODEREUSE=1

dotnet pack src/Toloka.Cli -c Release -o "$work/pkgs" --nologo -v q >/dev/null
dotnet tool install Toloka.Cli --tool-path "$work/tool" --add-source "$work/pkgs" --version 0.1.0 >/dev/null
dotnet build tests/Toloka.Generated.Redis.Tests --nologo -v q >/dev/null

TOLOKA_CLI="$work/tool/toloka" dotnet test tests/Toloka.Generated.Redis.Tests --no-build --nologo \
  --filter "TestCategory=BulkFloor" --logger "console;verbosity=normal" \
  | grep -E "processes?[,:]|archives|clones|Redis-protocol server|Passed|Failed" || true
