#!/usr/bin/env bash
# Proves "a new endpoint needs no C#": copies the committed repository to a temporary folder, adds
# the operation in archive-project.yaml (or the file given) to openapi/toloka.yaml, records the public
# API with README's one command, then builds and runs the client, contract and fake tests there.
# No C# file is touched; the script fails if any test fails. Takes a few minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel)"
snippet="${1:-$here/archive-project.yaml}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet --no-hardlinks "$root" "$work/repo"
cd "$work/repo"
python3 - "$snippet" <<'PY'
import sys
spec = open("openapi/toloka.yaml").read()
snippet = open(sys.argv[1]).read()
assert "\npaths:\n" in spec
open("openapi/toloka.yaml", "w").write(spec.replace("\npaths:\n", "\npaths:\n" + snippet, 1))
PY
dotnet build src/Toloka.Generated -v quiet -nologo
dotnet format analyzers src/Toloka.Generated --diagnostics RS0016 RS0017 --severity info --include-generated
echo "Public API recorded:"; git diff --stat
changed_cs="$(git diff --name-only -- '*.cs')"
if [ -n "$changed_cs" ]; then echo "C# files changed: $changed_cs" >&2; exit 1; fi
dotnet build -nologo -v quiet
for project in tests/Toloka.Generated.Tests tests/Toloka.Generated.ContractTests tests/Toloka.Generated.Testing.Tests; do
  dotnet test "$project" --no-build -nologo
done
echo "A new operation built and passed every test with no C# change."
