"""bench/RESULTS.md from one `make bench` run: the figures (JSON on stdin, wrk outputs in the
work folder given as the argument), the machine, the date and the command, each target met or
not."""

import datetime
import json
import os
import platform
import re
import sys

work = sys.argv[1]
r = json.load(sys.stdin)


def wrk(name):
    text = open(os.path.join(work, name)).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", text)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rps, pct(50), pct(99)


floor_rps, floor_p50, floor_p99 = wrk("floor.txt")
mix_rps, mix_p50, mix_p99 = wrk("people-mix.txt")
distinct_rps, distinct_p50, distinct_p99 = wrk("people-distinct.txt")
naive_text = open(os.path.join(work, "naive.txt")).read()
naive_tps = float(re.search(r"tps = ([\d.]+)", naive_text).group(1))
naive_lat = re.search(r"latency average = ([\d.]+) ms", naive_text)
naive_avg = float(naive_lat.group(1)) if naive_lat else float("nan")
ratio_mix = mix_rps / naive_tps
ratio_distinct = distinct_rps / naive_tps
list_rps, list_p50, list_p99 = wrk("members.txt")
cpu = "unknown"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
engine_value, engine_unit = r["engine"].split()
engine_per_s = float(engine_value) * {"Kelem/s": 1e3, "Melem/s": 1e6, "Gelem/s": 1e9}.get(engine_unit, 1)
ratio_http = list_rps / floor_rps
ratio_report = r["report_secs"] / r["sql_secs"] if r["sql_secs"] else float("inf")
ratio_import = r["copy_secs"] / r["import_secs"] if r["import_secs"] else 0
load = json.load(open(os.path.join(work, "load.json")))
# The peak through the whole run: the high-water mark after its last step (the load).
rss_mb = max([r["rss_http_kb"], r["rss_reports_kb"], *r.get("rss_steps_kb", {}).values()]) / 1024
load_p99 = load.get("p99_all_ms", 0.0)
# The same test as scripts/load.py's for a phase that holds (the p99 within 100 ms from when
# sent and from when due), and no write lost.
load_ok = (not load["errors"] and not load["lost_writes"] and load_p99 <= 100
           and load.get("p99_from_due_ms", 0.0) <= 100
           and load.get("achieved_rate", 0) >= 0.95 * load["rate"])
saturation = load.get("saturation")
if load_ok:
    load_mark = "met"
elif saturation and saturation["held"] and not load["lost_writes"] and not load.get("step_errors"):
    load_mark = f"**missed** at {load['rate']:.0f}/s; saturates between {saturation['held']:.0f} and {saturation['failed']:.0f}/s (below)"
else:
    load_mark = "**missed**"


def cores(phase):
    c = phase.get("cores", {})
    return (f"server {c.get('server', 0):.2f}, PostgreSQL {c.get('postgres', 0):.2f}, "
            f"load generator {c.get('load', 0):.2f}, other {c.get('other', 0):.2f}, "
            f"idle {c.get('idle', 0):.2f}")


# The peak after each step (issue #18: what raised it).
slow_steps = ", ".join(f"{k} {v[0]} slow, {v[1]} failed"
                       for k, v in r.get("slow_steps", {}).items()) or "not recorded"
rss_steps = ", ".join(f"{k} {v / 1024:.0f} MB" for k, v in r.get("rss_steps_kb", {}).items())


def mark(ok):
    return "met" if ok else "**missed**"


print(f"""# Benchmarks

One run of `make bench` on {datetime.date.today().strftime('%d/%m/%Y')}: {r['members']:,} members in
{r['branches']:,} branches (`kiemdiem seed`, {r['seed_secs']} s), PostgreSQL {r['pg']}, the release
build, serving with {r.get('pool', 32)} database connections. Machine: {os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.1f} GiB, {platform.platform()};
the kernel's autogroup: {r.get('autogroup', 'not recorded')} (why: `scripts/bench.sh`).
Command: `make bench` (`scripts/bench.sh`; `BENCH_MEMBERS`, `BENCH_BRANCHES`, `BENCH_SECONDS`
change the size and the duration).

| # | measurement | kiemdiem | floor | ratio | target | |
|---|---|---|---|---|---|---|
| 1 | HTTP, 32 connections, {r['duration']} s: `GET /api/v1/members` with one admin token over the same 40 pages (a cache's figure, kept for comparison with earlier runs; **not** the headline: see 1a and 1b) against `GET /health/live` | {list_rps:,.0f} req/s, p50 {list_p50:.1f} ms, p99 {list_p99:.1f} ms | {floor_rps:,.0f} req/s, p50 {floor_p50:.2f} ms, p99 {floor_p99:.2f} ms | {ratio_http:.2%} of the floor | ≥ 40% and p99 ≤ 25 ms | {mark(ratio_http >= 0.4 and list_p99 <= 25)} |
| 1a | **People** (issue #18), 32 connections, {r['duration']} s: 390 people (300 branch secretaries, 80 base committees, 10 district committees), each with their own token, listing and searching names in their own scope — the deadline-week mix (each person repeats four searches of their own and the list, pages 1–2) | {mix_rps:,.0f} req/s, p50 {mix_p50:.1f} ms, p99 {mix_p99:.1f} ms | naive bare SQL (pgbench, 32 clients, one indexed query per page for a random person and search, the scope's branch ids and the pattern written into it as values so the planner chooses per query): {naive_tps:,.0f} queries/s, average {naive_avg:.1f} ms | {ratio_mix:.2f}× the naive SQL | ≥ 2× and p99 ≤ 25 ms | {mark(ratio_mix >= 2 and mix_p99 <= 25)} |
| 1b | People, every request distinct (person × search × page never repeats) | {distinct_rps:,.0f} req/s, p50 {distinct_p50:.1f} ms, p99 {distinct_p99:.1f} ms | the same naive SQL | {ratio_distinct:.2f}× | ≥ 1.5× and p99 ≤ 50 ms | {mark(ratio_distinct >= 1.5 and distinct_p99 <= 50)} |
| 2 | Province statistics report (`GET /api/v1/reports/statistics`, median of 3) against the bare SQL `GROUP BY` of the same counts | {r['report_secs']} s | {r['sql_secs']} s | {ratio_report:.1f}× | ≤ 2× | {mark(ratio_report <= 2)} |
| 3 | Import of {r['rows']:,} members from CSV (`kiemdiem import members`, all or nothing) against `COPY` of the same file | {r['import_secs']} s ({r['rows'] / r['import_secs']:,.0f} rows/s) | {r['copy_secs']} s ({r['rows'] / r['copy_secs']:,.0f} rows/s) | {ratio_import:.0%} of COPY's rate | ≥ 25% | {mark(ratio_import >= 0.25)} |
| 4 | Engine: classifying a 10,000-member base (criterion) | {engine_per_s:,.0f} members/s | | | ≥ 1,000,000/s | {mark(engine_per_s >= 1e6)} |
| 5 | Server peak RSS (VmHWM) after 1 / after 2 / through the whole run (after each step: {rss_steps}) | {r['rss_http_kb'] / 1024:.0f} MB / {r['rss_reports_kb'] / 1024:.0f} MB / {rss_mb:.0f} MB | | | ≤ 150 MB | {mark(rss_mb <= 150)} |
| 6 | **Deadline-week load** (issue #18, `scripts/load.py`): the {load.get('people', 0)} people of 1a in their own scopes, {load['rate']:.0f} requests/s due for {load['seconds']} s (open loop) | {load['requests']:,} requests ({load.get('achieved_rate', 0):,.0f}/s), {load['errors']} errors, {load['lost_writes']} lost writes, p50 {load.get('p50_all_ms', 0):.1f} ms, p99 {load_p99:.1f} ms (from when due: p99 {load.get('p99_from_due_ms', 0):.1f} ms); cores busy on average: {cores(load)} | | | 0 errors, 0 lost, p99 ≤ 100 ms; or, where the machine saturates earlier, the rate where it does and why | {load_mark} |

The load's requests, per thousand: 300 member list pages, 320 name searches (one name or two),
185 member reads, 80 self-review saves (drafts, the members' own and paper forms entered on
their behalf, in the next year's cycle), 40 paper tally entries (two tellers, a paper-tally
session), 35 new members (into a branch of the creator's scope), 35 changes to them with
`If-Match`, 5 statistics downloads (XLSX, a committee's own organisation: a district's reads
its 9,600 members and their results). Answered: {load['created']} members
created, {load['changed']} changes, {load.get('self_reviews', 0)} self-review saves and
{load.get('tallies', 0)} tally entries (at the end, {load.get('tallies_confirmed', 0)} of
{load.get('tally_members', 0)} members' tallies confirmed by both tellers); every write checked
afterwards. p99 by kind (ms): {', '.join(f"{k} {v}" for k, v in sorted(load['p99_ms'].items()))}.

Answers the server logged as slow (≥ 250 ms, from the request's arrival to its answer) and as
failed (5xx), counted from its start to the end of each step: {slow_steps}.
""")

print("""## How the figures are reached

- **1.** A page of the list is computed once per scope, filter, page and size, then answered
  from a per-process cache with its `ETag` until a write on this instance (members, their
  absences, organisations, users, roles) or 30 s (`kiemdiem_store::generation`); each token's
  user and roles likewise for 5 s. The run reads the same 40 pages over and over after 5 s of
  the same requests that are not measured (both sides: connections open, caches warm), so
  almost every answer comes from the cache: the JWT check, the scope and the cache lookup are
  what is measured. The client takes gzip (as browsers and the mobile apps do): a page is
  compressed once when it is computed (35 kB → about 5 kB), kept compressed only and sent
  compressed from then on. When a page is missing (cold), the request asking for it computes
  it, at most three per core at once (the others wait their turn in order); past half its
  time (each kept value lives 75–100% of its 30 s, drawn at random so that values computed
  together do not expire together), the first request that reads a page has it computed again
  in the background while the others are answered from the one kept; principals and rosters
  are renewed the same way. A page
  of a scope (a branch's, a base's, a district's: up to 20,000 members) is found in the scope's
  roster, kept per scope like the pages: the scope's members in the list's order with what
  every filter reads (about 100 bytes each), loaded in one statement; the total is then
  exact and a search is a substring test on the search keys, and only the page's 50 rows are
  read, by id, with their branch names, then their long absences (two primary-key queries).
  A write to a member forgets the rosters of the scopes that hold its branch; a value
  computed while writes happened elsewhere is still kept (a log of the last 1,024 writes
  tells). Unscoped (the administrators), a page costs about 1–20 ms of PostgreSQL: its ids
  by an index-only scan of `members_list` (every filtered column included), name searches
  through a `pg_trgm` index, the total counted up to 10,000 and cached per filter.
- **2.** The counts come from one `GROUP BY` per branch and result in the database (a member's
  latest standing result of the year, so a member with results in two cycles counts once), the
  tree is assembled from those rows; nothing per member is loaded.
- **3.** Rows are read and checked twice (every error is reported before anything is written),
  the stored card numbers read once, and new members written by binary `COPY` in chunks of
  5,000 inside one transaction (all or nothing). A file this large (20,000 rows or more, and at
  least as many as are stored) is a bulk load: the members' secondary indexes and foreign keys
  are dropped in the transaction and restored at its end (each index built from all the rows,
  each foreign key checked in one join), which takes the table's lock for the load. The COPY
  it is compared with fills an untyped table without an index or a key.
""")

reasons = []
if not (ratio_http >= 0.4 and list_p99 <= 25):
    reasons.append(
        f"**1 (member list).** {ratio_http:.0%} of the floor's rate with p99 {list_p99:.0f} ms. "
        "Both sides share the 2 cores with wrk; a cached page is about 5 kB compressed that the "
        "server sends and wrk reads (the floor's answer is 2 bytes), which bounds the rate. "
        + ("The slow tail is the pages computed again as they expire (see above). "
           if list_p99 > 25 else "")
        + "Uncached, the list answers a few hundred "
        "requests per second on this machine (the count of a common key is a scan of 200,000 "
        "search keys); what would go further: an estimated total beyond 10,000 rows, keyset "
        "pages (`after=`) instead of `OFFSET`.")
def wrk_max(name):
    """The longest single answer wrk saw (its `Latency … Max` column)."""
    text = open(os.path.join(work, name)).read()
    m = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)\b", text)
    if not m:
        return float("nan")
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


for label, name, rps, p99, ratio, want_ratio, want_p99 in [
        ("1a (people, mix)", "people-mix.txt", mix_rps, mix_p99, ratio_mix, 2, 25),
        ("1b (people, distinct)", "people-distinct.txt", distinct_rps, distinct_p99,
         ratio_distinct, 1.5, 50)]:
    if ratio >= want_ratio and p99 <= want_p99:
        continue
    reasons.append(
        f"**{label}.** {rps:,.0f} req/s, {ratio:.2f}× the naive SQL, p99 {p99:.1f} ms; the "
        f"longest answer {wrk_max(name):,.0f} ms. wrk corrects its percentiles for coordinated "
        "omission (`stats_correct`: each answer slower than the run's mean interval per "
        "connection adds the answers a steady client would have waited for meanwhile), so a "
        "few stalls weigh as thousands of slow answers: the p99 measures the longest stalls "
        "— the first pass, when every scope's roster and every page is cold and 32 "
        "connections wait on them together — more than the steady rate."
        + (" The kernel's autogroup was on: in the trials it left PostgreSQL's processes "
           "waiting for 0.4–2.7 s at a time in one run of four (see `scripts/bench.sh`)."
           if r.get("autogroup") == "on" else ""))
if ratio_report > 2:
    reasons.append(
        f"**2 (statistics).** {ratio_report:.1f}× the bare SQL: the report's `GROUP BY` also "
        "picks each member's latest standing result (a second aggregate over the year's results).")
if ratio_import < 0.25:
    reasons.append(
        f"**3 (import).** {ratio_import:.0%} of COPY's rate. COPY here fills an untyped table without "
        "an index, where the import parses and checks every row twice, computes each name's "
        "search and sort keys, writes typed rows and builds the members' five indexes (the "
        "trigram index of the search and the covering index of the list are the dearest) and "
        "checks their two foreign keys. "
        + (f"COPY of the rows the import wrote into a table like members (typed, with those "
           f"indexes, no foreign keys) took {r['typed_copy_secs']} s by itself: the import "
           f"reaches {r['typed_copy_secs'] / r['import_secs']:.0%} of that rate. "
           if r.get("typed_copy_secs") else "")
        + "Further steps would be one reading of the file instead of two (checking and writing "
        "in one pass, rolled back on any error) and parsing while PostgreSQL writes.")
if rss_mb > 150:
    reasons.append(
        f"**5 (memory).** {rss_mb:.0f} MB; the peak after each step: {rss_steps}. The caches are "
        "bounded by weight (pages 24 MB, rosters 24 MB, totals 1 MB, branch ids 4 MB, principals 4 MB); the "
        "step whose peak rises most is where the rest comes from.")
if not load_ok:
    why = (
        f"**6 (load).** {load['errors']} errors and {load['lost_writes']} lost writes at "
        f"{load['rate']:.0f} requests/s due ({load.get('achieved_rate', 0):,.0f}/s sent), p99 "
        f"{load_p99:.1f} ms (from when due {load.get('p99_from_due_ms', 0):.1f} ms); error "
        f"samples: {load.get('error_samples', [])[:3]}; the slowest kinds (p99 ms): "
        f"{', '.join(f'{k} {v}' for k, v in sorted(load['p99_ms'].items(), key=lambda x: -x[1])[:3])}. "
        f"The machine's {load.get('cpus', 0)} cores meanwhile, busy on average: {cores(load)}; "
        f"per request the server spent {load.get('server_cpu_ms_per_request', 0):.2f} ms of CPU "
        f"and PostgreSQL {load.get('postgres_cpu_ms_per_request', 0):.2f} ms.")
    if saturation:
        why += (
            f" **Where it saturates:** the same mix at other rates, {len(load['steps'])} phases "
            f"of {load['steps'][0]['seconds'] if load['steps'] else 0:.0f} s (halving the "
            "interval between the highest rate that held and the lowest that did not; held = no "
            "error, 95% of the rate sent, p99 ≤ 100 ms from when sent and from when due): "
            + (f"**held up to {saturation['held']:.0f} requests/s**, not at {saturation['failed']:.0f}."
               if saturation["held"] else
               f"**held at none of the rates tried** (the lowest: {saturation['failed']:.0f}/s).")
            + "\n\n  | rate due | sent | errors | p50 | p99 | p99 from due | cores busy | server CPU per request | PostgreSQL CPU per request | held |\n"
            "  |---|---|---|---|---|---|---|---|---|---|\n"
            + "\n".join(
                f"  | {x['rate']:.0f}/s | {x['achieved_rate']:.0f}/s | {x['errors']} | "
                f"{x['p50_all_ms']:.1f} ms | {x['p99_all_ms']:.1f} ms | {x['p99_from_due_ms']:.1f} ms | "
                f"{cores(x)} | {x['server_cpu_ms_per_request']:.2f} ms | "
                f"{x['postgres_cpu_ms_per_request']:.2f} ms | {'yes' if x['holds'] else 'no'} |"
                for x in [load, *load["steps"]]))
    reasons.append(why)
if reasons:
    print("## Where a target is missed, and why\n")
    for r_ in reasons:
        print(f"- {r_}")
    print()

