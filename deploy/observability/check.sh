#!/usr/bin/env bash
# Offline checks of the observability files with Prometheus's own tool (Debian: apt-get install -y prometheus):
#   1. promtool check config prometheus.yml
#   2. every PromQL expression of the Grafana dashboard parses: they are written into a temporary
#      rules file (Grafana's $__rate_interval replaced by 1m) and checked with promtool check rules.
# The system-tests module checks the same files without promtool (structure, scrape targets, and that
# every metric the dashboard queries exists in a live scrape); this script adds PromQL syntax.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v promtool >/dev/null 2>&1 || { echo "promtool not found: apt-get install -y prometheus" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not found" >&2; exit 2; }

promtool check config "$here/prometheus.yml"

rules="$(mktemp --suffix=.yml)"
trap 'rm -f "$rules"' EXIT
python3 - "$here/grafana/mosaic-dashboard.json" >"$rules" <<'PY'
import json, sys
dash = json.load(open(sys.argv[1]))
print("groups:\n  - name: mosaic-dashboard-expressions\n    rules:")
for panel in dash["panels"]:
    for t in panel.get("targets", []):
        expr = t["expr"].replace("$__rate_interval", "1m")
        print(f"      - record: panel_{panel['id']}_{t['refId']}\n        expr: {json.dumps(expr)}")
PY
promtool check rules "$rules"
