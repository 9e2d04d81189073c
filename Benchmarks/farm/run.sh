#!/usr/bin/env bash
# Crawl benchmark and soak run: the real daemon (release build) against a loopback site farm.
#
#   Benchmarks/farm/run.sh [SITES] [SECONDS] [PUBLISH_EVERY]
#   Benchmarks/farm/run.sh 2000 120 30      # 2,000 sites, 2 minutes, each site publishes every 30 s
#   STATIC=1 Benchmarks/farm/run.sh 10000 90 # nothing new: the second sweep is all 304s
#   Benchmarks/farm/run.sh 3000 3600 60      # the one-hour soak of issue #9
#   SKIP_BUILD=1 …                            # reuse the release binaries already built
#   STATIC=1 RESTART_SWEEP=1 … 10000 60       # then restart the daemon over the same store: one
#                                             # full poll of every source at once, all 304s (timed)
#   SEED_ETAGS=1 STATIC=1 RESTART_SWEEP=1 … 10000 10  # the same without a full first sweep: every
#                                             # source gets the ETag a poll of the static farm leaves
#   RESTART_SWEEPS=2 …                        # restart twice: the second sweep finds robots.txt in the store
#   PERF=1 …                                  # perf record -g the daemon during each restart sweep
#   STATIC=1 NO_VALIDATORS=1 INTERVAL=1s … 2000 90  # no ETag, no 304: every poll parses a full page
#                                             # with nothing new (pages/s and CPU a poll after the first sweep)
#   VOLATILE=1 STATIC=1 NO_VALIDATORS=1 …     # the same, but each answer carries the time in <lastBuildDate>,
#                                             # so no poll is skipped as unchanged: every page is parsed
#   CONCURRENCY=64 PER_HOST_DELAY=1s …        # crawl.concurrency and crawl.per_host_delay (defaults as shown)
#   STORIES_MEMORY_LIMIT=8MB …                # stories.memory_limit (default: none written, the daemon's 40MB)
#   YUQING_ARGS="--log-level debug" …         # extra arguments to `yuqing run` (debug: timings of each store batch)
#   Benchmarks/farm/run.sh 1000 420 60       # alert latency (issue #8): 1,000 sources, 7 minutes
#   ALERTS=0 …                                # no watch rule, no SMTP sink: the crawl alone
#
# Each site is its own host (s<i>.localhost → 127.0.0.1), polled every INTERVAL (default 60 s).
# Reports: the first sweep (every source fetched once; pages/s), later sweeps (conditional GETs),
# items stored against items published, fetch failures, and the daemon's RSS, open file
# descriptors, database size and the load average sampled every 5 s.
#
# Alerts (unless ALERTS=0): one item in ALERT_EVERY (default 20) that the farm publishes carries
# the watch term of Rules/监测.txt, each with its own text (its own story), and alerts go by
# email to an aiosmtpd sink on 127.0.0.1:SMTP_PORT (smtp_sink.py). The farm stops publishing
# after SECONDS; the daemon then runs on until every watch-term item has reached the sink (at
# most DRAIN_MAX seconds, default interval + 120 s). report.py joins the farm's publish log with
# the sink's record: latency from an item's publication to its alert's acceptance by the SMTP
# server (p50/p95/p99/max), items never alerted, a 5-minute time series (items/s, latency, RSS,
# descriptors, database size, load), and the daemon's log lines by level.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sites=${1:-2000}
seconds=${2:-120}
publish_every=${3:-60}
interval=${INTERVAL:-60s}
port=${PORT:-18080}
alerts=${ALERTS:-1}
alert_every=${ALERT_EVERY:-20}
smtp_port=${SMTP_PORT:-18025}
case $interval in *m) interval_s=$(( ${interval%m} * 60 ));; *s) interval_s=${interval%s};; *) interval_s=$interval;; esac
drain_max=${DRAIN_MAX:-$(( interval_s + 120 ))}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work/config"

echo "== machine"
echo "nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); RAM: $(free -g | awk '/Mem:/ {print $2}') GiB"
swift --version 2>&1 | head -1
if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== build (release)"
    swift build -c release --package-path "$root" --product yuqing 2>&1 | tail -1
    swift build -c release --package-path "$root/Benchmarks" --product site-farm 2>&1 | tail -1
fi
yuqing=${YUQING:-"$root/.build/release/yuqing"}  # YUQING=path runs another build of the daemon
farm=${FARM:-"$root/Benchmarks/.build/release/site-farm"}

python3 - "$work/config" "$sites" "$port" "$interval" "$alerts" "$smtp_port" "${CONCURRENCY:-64}" "${PER_HOST_DELAY:-1s}" \
    "${STORIES_MEMORY_LIMIT:-}" <<'PY'
import sys
config, sites, port, interval, alerts, smtp_port, concurrency, per_host_delay, story_memory = \
    sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
with open(f"{config}/Sources.yml", "w") as f:
    f.write(f"defaults:\n  interval: {interval}\nsources:\n")
    for i in range(sites):
        f.write(f"  - id: s{i}\n    url: http://s{i}.localhost:{port}/feed.xml\n    allow_private_addresses: true\n")
with open(f"{config}/yuqing.yml", "w") as f:
    f.write(f"storage:\n  path: data/yuqing.sqlite\ncrawl:\n  concurrency: {concurrency}\n  minimum_interval: 1s\n"
            f"  per_host_delay: {per_host_delay}\n")
    if story_memory:
        f.write(f"stories:\n  memory_limit: {story_memory}\n")
    if alerts == "1":
        # Quiet hours are off by default; every watch-term item is its own story, so grouping
        # and cooldown never fold two of them into one alert.
        f.write(f"smtp:\n  url: smtp://127.0.0.1:{smtp_port}\n  security: none\n"
                f"  from: \"舆情监测 <yuqing@example.gov.cn>\"\n"
                f"recipients:\n  值班室: {{ email: [\"duty@example.gov.cn\"] }}\n")
PY
mkdir -p "$work/config/Rules"
if [ "$alerts" = 1 ]; then notify='# 通知: 值班室\n'; else notify=''; fi
printf "$notify"'偷排\n' > "$work/config/Rules/监测.txt"

farm_flags=()
[ -n "${STATIC:-}" ] && farm_flags+=(--static)
[ -n "${NO_VALIDATORS:-}" ] && farm_flags+=(--no-validators)
[ -n "${VOLATILE:-}" ] && farm_flags+=(--volatile)
"$farm" --sites "$sites" --port "$port" --publish-every "$publish_every" "${farm_flags[@]}" \
    --alert-every "$([ "$alerts" = 1 ] && echo "$alert_every" || echo 0)" --publish-for "$seconds" \
    --publish-log "$work/publish.csv" > "$work/farm.log" 2>&1 &
farm_pid=$!
sink_pid=
trap 'kill $farm_pid $sink_pid 2>/dev/null || true' EXIT
if [ "$alerts" = 1 ]; then
    /usr/bin/python3 "$here/smtp_sink.py" --port "$smtp_port" --out "$work/smtp.csv" > "$work/smtp.log" 2>&1 &
    sink_pid=$!
    for _ in $(seq 50); do grep -q '^PORT' "$work/smtp.log" 2>/dev/null && break; sleep 0.2; done
    grep -q '^PORT' "$work/smtp.log" || { echo "SMTP sink did not start:"; cat "$work/smtp.log"; exit 1; }
fi
sleep 1
echo "== load at start: $(uptime)"
date +%s.%N > "$work/daemon.started"
"$yuqing" run --config "$work/config" ${YUQING_ARGS:-} > "$work/daemon.out" 2> "$work/daemon.log" &
pid=$!
echo "== running $sites sites for $seconds s (work dir $work)"
echo "t_s,rss_mb,fds,db_mb,load1,cpu_s,farm_cpu_s" > "$work/samples.csv"
began=$(date +%s)
sample() {
    sleep 5
    rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status 2>/dev/null || echo 0)
    fds=$(ls /proc/$pid/fd 2>/dev/null | wc -l)
    db=$(du -cm "$work/config/data/" 2>/dev/null | tail -1 | cut -f1)
    cpu=$(awk '{printf "%.2f", ($14 + $15) / 100}' /proc/$pid/stat 2>/dev/null || echo "")
    # The farm's CPU too: on 2 cores it competes with the daemon, which a remote site would not.
    farm_cpu=$(awk '{printf "%.2f", ($14 + $15) / 100}' /proc/$farm_pid/stat 2>/dev/null || echo "")
    echo "$(( $(date +%s) - began )),$rss,$fds,$db,$(cut -d' ' -f1 /proc/loadavg),$cpu,$farm_cpu" >> "$work/samples.csv"
}
while (( $(date +%s) - began < seconds )); do sample; done
if [ "$alerts" = 1 ]; then
    # Publishing has stopped: wait until every watch-term item's link has reached the sink.
    drained() {
        python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
want = {r["link"] for r in csv.DictReader(open(f"{work}/publish.csv")) if r["alert"] == "1"}
got = {l for r in csv.DictReader(open(f"{work}/smtp.csv")) for l in r["links"].split()}
sys.exit(0 if want <= got else 1)
PY
    }
    drain_began=$(date +%s)
    until drained || (( $(date +%s) - drain_began >= drain_max )); do sample; done
    echo "== drain: $(( $(date +%s) - drain_began )) s after publishing stopped (limit $drain_max s)"
fi
echo "== load at end: $(uptime)"
main_cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' /proc/$pid/stat)
kill -TERM $pid
wait $pid || echo "daemon exited with $?"
echo "== daemon CPU (user + system) over the run: $main_cpu s; load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
published=$(grep published "$work/farm.log" | tail -1 | awk '{print $2}')

python3 - "$work" "$sites" "${published:-0}" <<'PY'
import csv, sqlite3, sys
work, sites, published = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(f"{work}/config/data/yuqing.sqlite")
rows = db.execute("SELECT source_id, julianday(started_at), outcome, duration_ms FROM fetch_log ORDER BY started_at").fetchall()
t0 = min(r[1] for r in rows)
first = {}
for source, t, outcome, ms in rows:
    first.setdefault(source, (t, outcome, ms))
sweep = (max(t for t, _, _ in first.values()) - t0) * 86400
done = [ (t - t0) * 86400 + ms / 1000 for t, _, ms in first.values() ]
sweep_end = max(done)
print(f"== first sweep: {len(first)} of {sites} sources fetched in {sweep_end:.1f} s = {len(first) / sweep_end:.0f} pages/s")
later = rows[len(first):] if False else [r for r in rows if first[r[0]][0] != r[1]]
by_outcome = {}
for r in rows:
    by_outcome[r[2]] = by_outcome.get(r[2], 0) + 1
print(f"== fetches: {len(rows)} total; by outcome: {by_outcome}")
if later:
    lt0 = min(r[1] for r in later); lt1 = max(r[1] for r in later)
    second = {}
    for r in later: second.setdefault(r[0], r)
    if len(second) == sites:
        span = (max(r[1] for r in second.values()) - min(r[1] for r in second.values())) * 86400
        print(f"== second sweep: {len(second)} sources re-polled over {span:.1f} s (spread by the schedule); "
              f"mean fetch {sum(r[3] for r in second.values()) / len(second):.0f} ms")
items = db.execute("SELECT count(*) FROM item").fetchone()[0]
dupes = db.execute("SELECT count(*) FROM (SELECT source_id, title FROM item GROUP BY 1, 2 HAVING count(*) > 1)").fetchone()[0]
matches = db.execute("SELECT count(*) FROM rule_match").fetchone()[0]
print(f"== items: {items} stored (farm had published {published} by its last report, 10 s granularity); duplicates: {dupes}; rule matches: {matches}")
samples = list(csv.DictReader(open(f"{work}/samples.csv")))
if samples:
    rss = [int(s["rss_mb"]) for s in samples]
    print(f"== RSS MB: first {rss[0]}, max {max(rss)}, last {rss[-1]}; fds max {max(int(s['fds']) for s in samples)}; "
          f"db MB last {samples[-1]['db_mb']}")
PY
python3 "$here/report.py" "$work" "$interval_s"

for round in $(seq "${RESTART_SWEEPS:-1}"); do
    [ -n "${RESTART_SWEEP:-}" ] || break
    # One full poll of every source at once: a restarted daemon finds every source due within its
    # first seconds (start spread 3 s) and the validators of the last run in source_state, so with
    # STATIC=1 every answer is a 304. robots.txt answers are read back from the store where an
    # earlier run left them (RESTART_SWEEPS=2: the second sweep finds every site's robots.txt there).
    if [ -n "${SEED_ETAGS:-}" ] && [ "$round" = 1 ]; then
        # Without waiting for a full first sweep (200,000 items for 10,000 sites): give every source
        # the ETag a completed poll of the static farm leaves (`"s<i>-20"`), as if it had been polled.
        sqlite3 "$work/config/data/yuqing.sqlite" "INSERT INTO source_state (source_id, etag, total_fetches)
            SELECT id, '\"' || id || '-20\"', 1 FROM source WHERE true
            ON CONFLICT (source_id) DO UPDATE SET etag = excluded.etag"
    fi
    mark=$(sqlite3 "$work/config/data/yuqing.sqlite" "SELECT COALESCE(MAX(id), 0) FROM fetch_log")
    echo "== restart sweep $round (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    launched=$(date +%s.%N)
    "$yuqing" run --config "$work/config" > "$work/daemon2.out" 2> "$work/daemon2.log" &
    pid=$!
    perf_pid=
    echo "t_s,rss_mb,polled" > "$work/restart.csv"
    while :; do
        sleep 1
        polled=$(sqlite3 "$work/config/data/yuqing.sqlite" "SELECT count(DISTINCT source_id) FROM fetch_log WHERE id > $mark" 2>/dev/null || echo 0)
        if [ -n "${PERF:-}" ] && [ -z "$perf_pid" ] && (( polled > 0 )); then
            # PERF=1: a call-graph profile of the sweep. Attached once polling has begun: attached
            # at launch, before the daemon's worker threads existed, it recorded no samples.
            perf record -g -F 499 -p $pid -o "$work/perf$round.data" > "$work/perf$round.log" 2>&1 &
            perf_pid=$!
        fi
        rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status 2>/dev/null || echo 0)
        echo "$(echo "$(date +%s.%N) - $launched" | bc),$rss,$polled" >> "$work/restart.csv"
        (( polled >= sites )) && break
        (( $(date +%s) - ${launched%.*} > ${RESTART_SECONDS:-120} )) && break
    done
    cpu=$(awk '{printf "%.2f", ($14 + $15) / 100}' /proc/$pid/stat)
    [ -n "$perf_pid" ] && { kill -INT $perf_pid; wait $perf_pid || true; }
    kill -TERM $pid
    wait $pid || echo "daemon exited with $?"
    python3 - "$work" "$sites" "$mark" "$launched" "$cpu" <<'PY'
import csv, sqlite3, sys
work, sites, mark, launched, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
db = sqlite3.connect(f"{work}/config/data/yuqing.sqlite")
rows = db.execute("SELECT source_id, (julianday(started_at) - 2440587.5) * 86400, outcome, duration_ms FROM fetch_log "
                  "WHERE id > ? ORDER BY id", (mark,)).fetchall()
first = {}
for source, t, outcome, ms in rows:
    first.setdefault(source, (t, outcome, ms))
outcomes = {}
for t, outcome, ms in first.values():
    outcomes[outcome] = outcomes.get(outcome, 0) + 1
if first:
    start = min(t for t, _, _ in first.values())
    end = max(t + ms / 1000 for t, _, ms in first.values())
    print(f"== restart sweep: {len(first)} of {sites} sources polled once; outcomes {outcomes}")
    print(f"== restart sweep: first poll {start - launched:.1f} s after launch; all polled {end - start:.1f} s after the first "
          f"({len(first) / (end - start):.0f} polls/s); {end - launched:.1f} s from launch")
    ms = sorted(ms for _, _, ms in first.values())
    print(f"== restart sweep: poll duration median {ms[len(ms) // 2]} ms, p99 {ms[len(ms) * 99 // 100]} ms; daemon CPU {cpu} s")
samples = list(csv.DictReader(open(f"{work}/restart.csv")))
print(f"== restart sweep: RSS MB max {max(int(s['rss_mb']) for s in samples)}; "
      f"{float(cpu) * 1000 / max(1, len(first)):.2f} ms of daemon CPU a poll")
PY
done
