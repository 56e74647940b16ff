#!/usr/bin/env bash
# The test command: prerequisites, a warnings-as-errors build, every test project, one summary line.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/prereqs.sh || exit 1

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

dotnet build MiniPaas.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

# Test projects run one after another: the end-to-end ones start real processes and containers,
# and two cores shared between several of them would turn timing margins into flakiness.
dotnet test MiniPaas.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 8m "$@"
test_exit=$?

python3 - "$results" "$test_exit" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
results, test_exit = sys.argv[1], int(sys.argv[2])
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(f"{results}/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
if test_exit != 0 and failed == 0:
    failed = 1  # the run itself failed (crash, hang, build): never report it as green
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
PY
