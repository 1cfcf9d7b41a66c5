#!/usr/bin/env bash
# Packs the toloka tool into a folder for `dotnet tool install --add-source <folder>` (README, "The toloka command").
# On linux-x64 with clang (or Debian's clang-N) it packs the Native AOT tool: the package `dotnet tool install`
# asks for, the native linux-x64 executable, and a framework-dependent fallback for every other platform.
# Anywhere else, or with TOLOKA_AOT=0, it packs the portable ReadyToRun package.
# Usage: bash build/pack-tool.sh [output folder, default ./artifacts] [more dotnet pack arguments]
#        bash build/pack-tool.sh --which   (prints "aot <clang>" or "portable": what it would pack here)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/src/Toloka.Cli"

clang=""
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && [ "${TOLOKA_AOT:-1}" != "0" ]; then
  for name in clang clang-21 clang-20 clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
    if command -v "$name" >/dev/null 2>&1; then clang="$name"; break; fi
  done
fi

if [ "${1:-}" = "--which" ]; then
  if [ -z "$clang" ]; then echo portable; else echo "aot $clang"; fi
  exit 0
fi
out="$(mkdir -p "${1:-./artifacts}" && cd "${1:-./artifacts}" && pwd)"
shift || true

if [ -z "$clang" ]; then
  echo "pack-tool: the portable ReadyToRun tool (no clang on linux-x64, or TOLOKA_AOT=0)"
  dotnet pack "$cli" -c Release -o "$out" --nologo "$@"
else
  echo "pack-tool: the Native AOT tool ($clang)"
  dotnet pack "$cli" -c Release -o "$out" --nologo -p:TolokaAot=true "$@"
  dotnet pack "$cli" -c Release -o "$out" --nologo -p:TolokaAot=true -r linux-x64 -p:CppCompilerAndLinker="$clang" "$@"
  dotnet pack "$cli" -c Release -o "$out" --nologo -p:TolokaAot=true -r any "$@"
fi
echo "pack-tool: install with: dotnet tool install --tool-path ./tools --add-source $out Toloka.Cli"
