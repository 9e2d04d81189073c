#!/usr/bin/env bash
# Independent test: Yuqing's SentimentScorer against snownlp on takeout reviews neither was
# fitted on (waimai_10k.csv from SophonPlus/ChineseNlpCorpus; not shipped here, licence unknown).
#
#   Benchmarks/sentiment/waimai.sh PATH/TO/waimai_10k.csv [WORKDIR]
#
# The file may be the whole data set or a copy of the sampled rows only; waimai_prepare.py
# takes the first 1,165 positive and the last 1,165 negative rows either way (BENCHMARKS.md,
# "Sentiment", session 4). Then the same steps as run.sh: release build of sentiment-eval,
# Yuqing with learned.tsv and with the hand lexicons alone, snownlp 0.12.3, one table.
# A test set: score it, do not tune on it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
csv=${1:?usage: waimai.sh PATH/TO/waimai_10k.csv [WORKDIR]}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check snownlp==0.12.3
echo "== data ($work)"
"$venv/bin/python" "$here/waimai_prepare.py" "$csv" "$work/waimai.tsv"
echo "== build"
swift build -c release --package-path "$root/Benchmarks" --product sentiment-eval 2>&1 | tail -1
bin="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/sentiment-eval"
echo "== Yuqing SentimentScorer (hand lexicons + learned.tsv; then hand lexicons alone)"
taskset -c 0 "$bin" --lexicon "$root/Rules/sentiment" --input "$work/waimai.tsv" --out "$work/waimai.yuqing.txt"
taskset -c 0 "$bin" --lexicon "$root/Rules/sentiment" --no-learned --input "$work/waimai.tsv" --out "$work/waimai.hand.txt"
echo "== snownlp"
taskset -c 0 "$venv/bin/python" "$here/baseline.py" "$work/waimai.tsv" "$work/waimai.snownlp.txt"
echo "== waimai (independent test set)"
"$venv/bin/python" "$here/metrics.py" "$work/waimai.tsv" "Yuqing=$work/waimai.yuqing.txt" \
    "Yuqing hand lexicons only=$work/waimai.hand.txt" "snownlp 0.12.3=$work/waimai.snownlp.txt"
