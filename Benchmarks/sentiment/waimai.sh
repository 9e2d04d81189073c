#!/usr/bin/env bash
# Independent test: Yuqing's SentimentScorer against snownlp on takeout reviews neither was
# fitted on (waimai_10k.csv from SophonPlus/ChineseNlpCorpus; not shipped here, licence unknown).
#
#   Benchmarks/sentiment/waimai.sh PATH/TO/waimai_10k.csv [WORKDIR]
#
# The file may be the whole data set or a copy of the sampled rows only; waimai_prepare.py
# takes the first 1,165 positive and the last 1,165 negative rows either way (BENCHMARKS.md,
# "Sentiment", session 4). Then run.sh's steps on that sample: release build of sentiment-eval,
# Yuqing with learned.tsv and with the hand lexicons alone, snownlp 0.12.3, one table.
# A test set: score it, do not tune on it.
set -euo pipefail
csv=${1:?usage: waimai.sh PATH/TO/waimai_10k.csv [WORKDIR]}
WAIMAI=$csv exec "$(dirname "$0")/run.sh" ${2:+"$2"}
