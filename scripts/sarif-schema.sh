#!/usr/bin/env bash
# Fetches the official SARIF 2.1.0 JSON schema (shipped in the npm package @microsoft/jest-sarif)
# and Python's jsonschema validator, for the SARIF schema test. Prints the schema's path.
# Idempotent: does nothing when both are already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/target/sarif-schema"
schema="$dir/sarif-2.1.0-rtm.5.json"
if [ ! -s "$schema" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack -q @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1 \
    && tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json \
    && mv package/lib/schemas/sarif-2.1.0-rtm.5.json "$schema" && rm -rf package ./*.tgz)
fi
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q jsonschema >/dev/null 2>&1
echo "$schema"
