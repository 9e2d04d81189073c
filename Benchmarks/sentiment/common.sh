# Sourced by run.sh, train.sh and inews.sh (not run on its own): the paths, the Python venv
# and the release build of sentiment-eval they share.
#
#   source "$(dirname "$0")/common.sh" [WORKDIR]   # sets here, root, work (made), venv
#   venv_install PACKAGE…                          # into Benchmarks/sentiment/.venv (git-ignored)
#   build_sentiment_eval                           # sets bin to the sentiment-eval binary
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
venv="$here/.venv"

venv_install() {
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"
}

build_sentiment_eval() {
    swift build -c release --package-path "$root/Benchmarks" --product sentiment-eval 2>&1 | tail -1
    bin="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/sentiment-eval"
}
