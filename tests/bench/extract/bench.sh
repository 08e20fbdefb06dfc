#!/bin/sh
# Speed and memory of `reads extract` against Mozilla Readability (npm
# @mozilla/readability + jsdom, one Node process for all pages) on the same
# pages, in one run.
#
#   tests/bench/extract/bench.sh [READS] [PAGES_DIR]
#
# READS defaults to build/reads; PAGES_DIR to ../shared/conformance/extract/pages
# (*.html or *.html.gz). Readability is installed with npm into a temporary
# folder that is removed afterwards (nothing is committed); without npm or
# network the script measures reads alone. Run it under `nice` on a shared
# machine. Prints pages/s, CPU ms per page and peak RSS for each tool, then
# the ratios: wall-clock pages/s depends on what else the machine runs, CPU
# time much less, so both are given.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
reads=${1:-build/reads}
pages=${2:-$here/../../../../shared/conformance/extract/pages}
[ -x "$reads" ] || { echo "bench: $reads: not executable (build first)" >&2; exit 2; }
[ -d "$pages" ] || { echo "bench: $pages: no such folder" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/pages"
for f in "$pages"/*.html "$pages"/*.html.gz; do
	[ -e "$f" ] || continue
	b=$(basename "$f" .gz)
	case "$f" in *.gz) gzip -dc "$f" >"$work/pages/$b" ;; *) cp "$f" "$work/pages/$b" ;; esac
done
ls "$work/pages" | sed "s|^|$work/pages/|" >"$work/list"
n=$(wc -l <"$work/list")
echo "pages: $n from $pages"

python3 "$here/bench_reads.py" "$reads" "$work/list" "$work/reads.json"

if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 &&
	(cd "$work" && npm install --no-audit --no-fund --silent @mozilla/readability jsdom >"$work/npm.log" 2>&1); then
	cp "$here/bench_readability.js" "$work/"
	(cd "$work" && node bench_readability.js "$work/list" "$work/readability.json")
	python3 - "$work/reads.json" "$work/readability.json" <<'PY'
import json, sys
r, m = (json.load(open(f)) for f in sys.argv[1:3])
for k, label in (("per_process", "one process per page"), ("batch", "one process for all pages")):
    print(f"ratio, reads {label} / Readability: pages/s x{r[k]['pages_s'] / m['pages_s']:.1f} (wall), "
          f"x{m['cpu_ms'] / r[k]['cpu_ms']:.1f} (CPU); RSS {r[k]['rss_mb']:.1f} MB vs {m['rss_mb']:.1f} MB")
PY
else
	echo "readability: npm install failed or npm/node missing; measured reads alone"
	[ -f "$work/npm.log" ] && tail -3 "$work/npm.log" >&2
fi
