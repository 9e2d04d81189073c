#!/usr/bin/env bash
# Matcher benchmark, Swift and pyahocorasick side by side in one run, single core.
#
#   Benchmarks/matcher/run.sh [WORKDIR]
#
# Installs jieba (its dictionary supplies terms and text) and pyahocorasick from PyPI into
# a virtual environment next to this script (Benchmarks/matcher/.venv, git-ignored), builds
# matcher-bench in release mode, and runs both on the same terms and documents pinned to CPU 0.
# Swift times normalise + match on the raw documents; pyahocorasick times match only, on the
# documents and terms as Swift normalised them, so both must report the same match count.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
repeats=${REPEATS:-5}
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check jieba==0.42.1 pyahocorasick==2.3.1
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

echo "== machine"
echo "nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
swift --version 2>&1 | head -1
"$venv/bin/python" --version
echo "== inputs ($work)"
"$venv/bin/python" "$here/gen.py" "$work" "${DOCUMENTS:-300}"
echo "== build"
swift build -c release --package-path "$root/Benchmarks" --product matcher-bench 2>&1 | tail -1
bin="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/matcher-bench"
echo "== Swift"
"${pin[@]}" "$bin" --text "$work/docs.txt" --terms "$work/terms-1000.txt" --terms "$work/terms-10000.txt" \
    --terms "$work/terms-100000.txt" --out "$work" --repeat "$repeats"
echo "== pyahocorasick"
"${pin[@]}" "$venv/bin/python" "$here/bench.py" "$work" "$repeats"
echo "== side by side"
"$venv/bin/python" "$here/compare.py" "$work"
