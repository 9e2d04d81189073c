#!/usr/bin/env bash
# Article extraction: Yuqing's ArticleExtractor against trafilatura and readability-lxml,
# same pages, same scorer (bag-of-tokens precision / recall / F1 against ground truth).
#
#   Benchmarks/extraction/run.sh [WORKDIR]        # SPLIT=dev|test|all (default all), WORST=N
#
# Installs trafilatura 2.3.1 and readability-lxml 0.9 into Benchmarks/extraction/.venv
# (git-ignored), fetches the page sets as sdists from PyPI (newspaper4k 0.9.6's test pages
# with their expected text; GNE 0.4.3's Chinese test pages with the truth named in
# gne-truth.tsv), builds extract-bench in release mode, runs the three extractors one page at
# a time on one core (taskset -c 0), and prints one table per set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
split=${SPLIT:-all}
worst=${WORST:-0}
mkdir -p "$work"
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# pip 23 (Debian 12's) trips over lxml[html-clean]'s extras; a current pip resolves them.
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade "pip>=25"
"$venv/bin/pip" install --quiet --disable-pip-version-check trafilatura==2.3.1 readability-lxml==0.9
echo "== data ($work)"
(cd "$here" && "$venv/bin/python" prepare.py "$work")
echo "== build"
swift build -c release --package-path "$root/Benchmarks" --product extract-bench 2>&1 | tail -1
bin="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/extract-bench"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
for set in newspaper4k gne; do
    echo "== $set: extract"
    $pin "$bin" --pages "$work/$set/pages" --out "$work/$set/yuqing.json"
    (cd "$here" && $pin "$venv/bin/python" baselines.py trafilatura "$work/$set/pages" "$work/$set/trafilatura.json")
    (cd "$here" && $pin "$venv/bin/python" baselines.py readability "$work/$set/pages" "$work/$set/readability.json")
done
echo "== scores (split: $split)"
uptime
for set in gne newspaper4k; do
    (cd "$here" && "$venv/bin/python" score.py "$work/$set" --split "$split" --worst "$worst" \
        "Yuqing=$work/$set/yuqing.json" "trafilatura 2.3.1=$work/$set/trafilatura.json" \
        "readability-lxml 0.9=$work/$set/readability.json")
done
echo "== newspaper4k: headline and publication time"
(cd "$here" && "$venv/bin/python" meta_score.py "$work/newspaper4k" \
    "Yuqing=$work/newspaper4k/yuqing.json" "trafilatura 2.3.1=$work/newspaper4k/trafilatura.json" \
    "readability-lxml 0.9=$work/newspaper4k/readability.json")
