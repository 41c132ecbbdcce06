#!/usr/bin/env python3
"""The deadline-week load (issue #18), part of `make bench`: the province's people (the tokens
of scripts/bench-people.py: 300 branch secretaries, 80 base committees, 10 district committees),
each in their own scope, at a fixed rate for 60 s — member list pages and name searches, member
reads, statistics downloads (XLSX, a committee's own organisation), new members and changes to
them (with If-Match, by whoever created them), self-review saves and paper tally entries. No
answer may be an error, and afterwards every write is checked: each member answered 201 exists,
each change answered 200 holds its value, each self-review save answered 200 is kept as the
version it was given (the last one is the self-review's content), and each teller's last tally
entry answered 200 is what the session's roll shows (confirmed where the two tellers agree).

The rate is open-loop: request n is due at n / RATE seconds whatever the answers before it, and
a pool of workers sends it; latency is counted from when it was sent and, separately, from when
it was due (a server that falls behind shows there, not as a lower rate).

Where the rate asked for does not hold (an error, less than 95% of it sent, or a p99 over
100 ms from when sent or when due), further phases search for the rate that does: the interval
between the highest rate that held and the lowest that did not is halved five times
(LOAD_SEARCH_STEPS), 20 s each (LOAD_STEP_SECONDS). For every phase, how the machine's cores
were spent: the server's (its pid in LOAD_SERVER_PID), PostgreSQL's, this generator's own and
the rest, from /proc — the "why" of a saturation. The writes of every phase are checked.

Setup, before the timed run, through the API with the admin token (seconds): the next year's
cycle (2017) of the base above the branch, its self-review phase open; a paper-tally session
for the branch; two tellers (branch committee) and a few members with their own logins; then
each person's scope (their roles, and one page of the members they reach).

Usage: scripts/load.py BASE_URL TOKEN BRANCH_ID ORG_ID SECONDS RATE [PEOPLE_TOKENS]
(without PEOPLE_TOKENS, the admin token is the only person). Prints one JSON line with the
counts and latencies.
"""

import json
import http.client
import os
import queue
import random
import secrets
import sys
import threading
import time
import urllib.parse

base, token, branch, org = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
rate = float(sys.argv[6]) if len(sys.argv) > 6 else 40.0
people_file = sys.argv[7] if len(sys.argv) > 7 else None
host = urllib.parse.urlparse(base)
local = threading.local()

# The seeded province has the 2016 cycle, results approved; the writes go to the next year's.
YEAR = 2017
# Members with their own login who write their own self-review; as many again are paper forms
# entered by a teller on the member's behalf.
OWN_WRITERS = 8
# Members on the roll whose ballots the two tellers enter, round after round: few enough that
# a short run sees recounts (a mismatch, then confirmed again).
TALLY_MEMBERS = 12
# The deadline week's requests per thousand: mostly lists and searches in one's own scope.
# Statistics downloads are few (5 in 1,000 is 2.5 a second at 500/s: nine an hour for each of
# the 90 committees, more than a committee prints in the deadline week) and dear (a district's
# report reads its 9,600 members and their results, 130 ms of PostgreSQL).
MIX = [("list", 300), ("search", 320), ("read", 185), ("self_review", 80), ("tally", 40),
       ("create", 35), ("change", 35), ("report", 5)]
KINDS = [k for k, w in MIX for _ in range(w)]
assert len(KINDS) == 1000
# The searches people type (as in scripts/bench-people.lua).
TERMS = ["nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
         "do", "ho", "ngo", "duong", "ly", "an", "binh", "chi", "dung", "hoa", "lan", "minh",
         "nam", "phuong", "quang", "son", "thanh", "trang", "tuan", "van", "thi", "ha", "hung",
         "linh", "mai", "ngoc", "thu", "xuan", "yen"]
# Workers sending the due requests (an open loop: enough that a slow answer never holds back
# the next one at these rates).
WORKERS = 160
# The server's process id (LOAD_SERVER_PID), for its share of the machine's CPU.
SERVER_PID = int(os.environ.get("LOAD_SERVER_PID") or 0)
# Where the asked rate does not hold: this many further phases, each STEP_SECONDS long, search
# for the rate that does (LOAD_SEARCH_STEPS=0: none).
SEARCH_STEPS = int(os.environ.get("LOAD_SEARCH_STEPS", "5"))
STEP_SECONDS = float(os.environ.get("LOAD_STEP_SECONDS", "20"))
PAUSE_SECONDS = 3.0


def call(method, path, body=None, headers=None, tok=None):
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    h = {"Authorization": f"Bearer {tok or token}"}
    h.update(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    started = time.monotonic()
    try:
        conn.request(method, path, body=data, headers=h)
        res = conn.getresponse()
        raw = res.read()
    except (OSError, http.client.HTTPException):
        local.conn = None
        raise
    return res.status, res.getheader("ETag"), raw, time.monotonic() - started


lock = threading.Lock()
# The current phase's figures (phase() starts them afresh); the errors of every phase.
stats = {"requests": 0, "errors": [], "latency": {}, "from_due": []}
all_errors = []
# The number of the next request, across phases (new members' card numbers come from it).
next_n = 0
# Members created: (id, the creator's token); changes: id → [(version, phone)].
created, changed = [], {}
# Self-reviews: member id → [(version, content)] of every save answered 200.
saved = {}
# Tallies: (teller index, member id) → the votes of that teller's last entry answered 200.
# Re-entering replaces one's own entry (by design), so only the last one per key must remain.
entered = {}
tally_locks = {}
counters = {"self_review": 0, "tally": 0, "tally_ok": 0}
world = {}
# Each person: token, role, organisation, the members and branches one page of theirs showed.
people = []


class SetupError(Exception):
    pass


def record(kind, status, elapsed, ok):
    due = getattr(local, "due", None)
    with lock:
        if due is not None:
            stats["from_due"].append(time.monotonic() - due)
        stats["requests"] += 1
        stats["latency"].setdefault(kind, []).append(elapsed)
        if not ok:
            stats["errors"].append((kind, status))


def new_member(n):
    return {
        "card_number": f"8{n:08d}", "full_name": f"Lê Thị Tải Thử {n}", "gender": "female",
        "date_of_birth": "1988-02-03",
        "branch_id": branch, "status": "official", "admitted_on": "2012-05-19",
        "official_on": "2013-05-19", "category": "resident",
    }


def review_content(n):
    # No leading or trailing spaces: the server trims, and the read-back compares exactly.
    return {
        "political_ideology": f"Luôn kiên định mục tiêu, lý tưởng của Đảng (bản lưu {n}).",
        "ethics_lifestyle": "Giữ gìn phẩm chất đạo đức, lối sống giản dị.",
        "duties": f"Hoàn thành nhiệm vụ được giao; lần lưu số {n}.",
        "organisation_discipline": "Chấp hành nghiêm nguyên tắc tập trung dân chủ.",
        "shortcomings": f"Đôi khi còn chậm nộp báo cáo ({n}).",
        "remedies": "Sắp xếp thời gian hợp lý hơn.",
        "suggestion_answers": "",
        "self_assessed_level": ["good", "excellent", "good", "completed"][n % 4],
    }


def tally_votes(index, rnd):
    """The votes of one round of counting for the member at `index` on the roll: never more
    ballots than voters present (M5), mostly different from one round to the next (a recount)."""
    present = world["present"]
    excellent = (index + rnd) % (present // 4 + 1)
    rest = present - excellent
    completed = (3 * index + rnd) % (rest // 4 + 1)
    good = rest - completed - ((index + rnd) % 2 if rest > completed else 0)
    return {"excellent": excellent, "good": good, "completed": completed, "not_completed": 0}


def self_review(n):
    with lock:
        k = counters["self_review"]
        counters["self_review"] += 1
    # Round-robin over the writers. No 409 is expected: a save has no If-Match, and the member
    # never submits. (On PostgreSQL, overlapping saves to one member race for the next version
    # number and some answer 409 `conflict`, nothing stored; hence one save per member at a time.)
    member, tok = world["writers"][k % len(world["writers"])]
    content = review_content(n)
    with lock:
        writer_lock = tally_locks.setdefault(("writer", member), threading.Lock())
    # One save in flight per member (a person does not save twice at once): the highest
    # version answered is then the last one written.
    with writer_lock:
        s, _, raw, t = call("PUT", f"/api/v1/cycles/{world['cycle']}/members/{member}/self-review",
                            content, tok=tok)
        ok = False
        if s == 200:
            r = json.loads(raw)
            ok = (r.get("content") == content and r.get("status") == "draft"
                  and r.get("version", 0) > 0)
            if ok:
                with lock:
                    saved.setdefault(member, []).append((r["version"], content))
    record("self_review", s, t, ok)


def tally(n):
    with lock:
        k = counters["tally"]
        counters["tally"] += 1
    members, tellers = world["tally_members"], world["tellers"]
    # Teller A enters a member's ballots, then teller B the same numbers (confirmed); the next
    # round over the roll is a recount: A's new numbers (a mismatch until B follows), and so on.
    index = (k // len(tellers)) % len(members)
    teller = k % len(tellers)
    votes = tally_votes(index, k // (len(members) * len(tellers)))
    member = members[index]
    key = (teller, member)
    with lock:
        key_lock = tally_locks.setdefault(key, threading.Lock())
    # One entry in flight per teller and member (never contended at these rates): the last
    # answered is then the last written, which the check afterwards expects to find.
    with key_lock:
        s, _, raw, t = call("PUT", f"/api/v1/voting-sessions/{world['session']}/tallies/{member}",
                            votes, tok=tellers[teller])
        ok = False
        if s == 200:
            r = json.loads(raw)
            # The answer shows the caller's own entry (or the confirmed numbers, the same). No
            # 409 is expected: only two tellers enter, on an open paper session.
            ok = r.get("votes") == votes and r.get("entered_by_me") is True
            if ok:
                with lock:
                    entered[key] = votes
                    counters["tally_ok"] += 1
    record("tally", s, t, ok)


def person_for(n, rng, committee=False):
    """A person for request n: anyone, or (committee) one who may download a statistics report."""
    pool = world["committees"] if committee and world["committees"] else people
    return pool[rng.randrange(len(pool))]


def task(n):
    # Every thousand requests hold the mix exactly, interleaved (37 is prime to 1,000).
    kind = KINDS[(n * 37) % 1000]
    rng = random.Random(n)
    who = person_for(n, rng, committee=(kind == "report"))
    tok = who["token"]
    try:
        if kind == "list":
            # A branch's members fit on one page; a base's or a district's run to several.
            page = 1 if who["role"] == "branch_committee" else 1 + rng.randrange(3)
            s, _, _, t = call("GET", f"/api/v1/members?per_page=50&page={page}", tok=tok)
            record(kind, s, t, s == 200)
        elif kind == "search":
            q = TERMS[rng.randrange(len(TERMS))]
            if rng.random() < 0.4:
                q += "+" + TERMS[rng.randrange(len(TERMS))]
            s, _, _, t = call("GET", f"/api/v1/members?per_page=50&q={q}", tok=tok)
            record(kind, s, t, s == 200)
        elif kind == "read":
            mid = who["members"][rng.randrange(len(who["members"]))]
            s, _, _, t = call("GET", f"/api/v1/members/{mid}", tok=tok)
            record(kind, s, t, s == 200)
        elif kind == "report":
            s, _, _, t = call("GET", f"/api/v1/reports/statistics?organization_id={who['org']}"
                                     "&year=2016&format=xlsx", tok=tok)
            record(kind, s, t, s == 200)
        elif kind == "self_review":
            self_review(n)
        elif kind == "tally":
            tally(n)
        elif kind == "create":
            body = new_member(n)
            # Into a branch of the creator's own scope.
            body["branch_id"] = who["branches"][rng.randrange(len(who["branches"]))]
            s, _, raw, t = call("POST", "/api/v1/members", body, tok=tok)
            record(kind, s, t, s == 201)
            if s == 201:
                with lock:
                    created.append((json.loads(raw)["id"], tok))
        else:
            with lock:
                target = created[n % len(created)] if created else None
            if target is None:
                return
            target, tok = target
            s, etag, raw, _ = call("GET", f"/api/v1/members/{target}", tok=tok)
            phone = f"09{n:08d}"
            s2, new_etag, _, t = call("PATCH", f"/api/v1/members/{target}", {"phone": phone},
                                      {"If-Match": etag or ""}, tok=tok)
            # 412: another worker changed it between the read and the write (expected, safe).
            record(kind, s2, t, s2 in (200, 412))
            if s2 == 200:
                version = int("".join(c for c in (new_etag or "") if c.isdigit()) or 0)
                with lock:
                    changed.setdefault(target, []).append((version, phone))
    except (OSError, http.client.HTTPException) as e:
        record(kind, str(e), 0.0, False)


def expect(what, status, want, raw):
    if status != want:
        raise SetupError(f"{what}: {status} {raw[:300].decode(errors='replace')}")
    return json.loads(raw)


def problem_code(raw):
    try:
        return json.loads(raw).get("code")
    except ValueError:
        return None


def setup():
    """What the new kinds write into, through the API with the admin token."""
    # The base organisation above the branch runs the cycle.
    s, _, raw, _ = call("GET", f"/api/v1/organizations/{branch}")
    org_ = expect("branch", s, 200, raw)
    base_id = None
    for oid in reversed(org_["ancestor_ids"]):
        s, _, raw, _ = call("GET", f"/api/v1/organizations/{oid}")
        if expect("ancestor", s, 200, raw)["kind"] == "base":
            base_id = oid
            break
    if base_id is None:
        raise SetupError(f"no base organisation above branch {branch}")

    # The next year's cycle: created at stage self_review with every phase open (the 2016
    # plan shifted); one per organisation and year, so a second run takes the existing one.
    s, _, raw, _ = call("POST", "/api/v1/cycles",
                        {"organization_id": base_id, "year": YEAR, "reference_date": f"{YEAR}-11-15"})
    if s == 409 and problem_code(raw) == "cycle_exists":
        s, _, raw, _ = call("GET", f"/api/v1/cycles?organization_id={base_id}&year={YEAR}")
        cycles = expect("cycles", s, 200, raw)["items"]
        if not cycles:
            raise SetupError(f"cycle {YEAR} of organisation {base_id} exists but is not listed")
        cycle = cycles[0]
    else:
        cycle = expect("cycle", s, 201, raw)
    if cycle["stage"] == "closed":
        raise SetupError(f"cycle {cycle['id']} is closed")
    for ph in cycle["phases"]:
        if ph["code"] == "self_reviews" and ph["closed"]:
            s, _, raw, _ = call("POST", f"/api/v1/cycles/{cycle['id']}/phases/{ph['id']}/reopen",
                                {"reason": "Kiểm thử tải: mở lại để lưu bản tự kiểm điểm"})
            expect("reopen self_reviews", s, 200, raw)
    world["cycle"] = cycle["id"]

    # A paper-tally session for the branch (its roll: the branch's members, all subjects).
    s, _, raw, _ = call("POST", f"/api/v1/cycles/{cycle['id']}/voting-sessions",
                        {"branch_id": branch, "mode": "paper_tally", "held_on": f"{YEAR}-11-12"})
    if s == 409 and problem_code(raw) == "session_open":
        s, _, raw, _ = call("GET", f"/api/v1/cycles/{cycle['id']}/voting-sessions"
                                   f"?organization_id={branch}&per_page=500")
        open_ = [x for x in expect("sessions", s, 200, raw)["items"]
                 if x["branch_id"] == branch and x["status"] == "open" and x["mode"] == "paper_tally"]
        if not open_:
            raise SetupError(f"branch {branch} has a session open that is not a paper tally")
        s, _, raw, _ = call("GET", f"/api/v1/voting-sessions/{open_[0]['id']}")
        session = expect("session", s, 200, raw)
    else:
        session = expect("session", s, 201, raw)
    world["session"] = session["id"]
    world["present"] = session["voters_present"]
    # Tallies are taken only for members classified here (#13): not attached (M5).
    roll = [r for r in session["roll"] if r["subject"] and not r["attached"]]
    # Members nobody has entered yet (all of them in a fresh session): two new tellers can
    # enter these without finding two earlier entries (409 tally_complete).
    world["tally_members"] = [r["member_id"] for r in roll
                              if r["tally"]["entries"] == 0][:TALLY_MEMBERS]
    if not world["tally_members"] or len(roll) < 2:
        raise SetupError(f"session {session['id']}: no member left to tally")

    # Logins, with a tag of their own so that a second run does not collide.
    tag = secrets.token_hex(3)
    password = secrets.token_urlsafe(18)

    def user(name, roles, member_id=None):
        body = {"username": f"load-{tag}-{name}", "display_name": f"Kiểm thử tải {name}",
                "password": password, "roles": roles}
        if member_id is not None:
            body["member_id"] = member_id
        s, _, raw, _ = call("POST", "/api/v1/users", body)
        if s == 409 and problem_code(raw) == "member_linked":
            return None
        expect(f"user {name}", s, 201, raw)
        s, _, raw, _ = call("POST", "/api/v1/auth/login",
                            {"username": body["username"], "password": password})
        return expect(f"login {name}", s, 200, raw)["access_token"]

    committee = [{"role": "branch_committee", "organization_id": branch}]
    world["tellers"] = [user("to-kiem-phieu-1", committee), user("to-kiem-phieu-2", committee)]
    writers, on_behalf = [], []
    for r in roll:
        if len(writers) < OWN_WRITERS:
            tok = user(f"dv{r['member_id']}", [{"role": "member", "organization_id": branch}],
                       r["member_id"])
            if tok is not None:
                writers.append((r["member_id"], tok))
                continue
        if len(on_behalf) < OWN_WRITERS:
            # A paper form the branch committee enters for the member (marked on_behalf).
            on_behalf.append((r["member_id"], world["tellers"][len(on_behalf) % 2]))
        if len(writers) >= OWN_WRITERS and len(on_behalf) >= OWN_WRITERS:
            break
    world["writers"] = writers + on_behalf
    world["on_behalf"] = {m for m, _ in on_behalf}


def setup_people():
    """Each person's roles and one page of the members they reach (20 rows: not a page the
    run asks for, so nothing it reads is cached by this)."""
    tokens = []
    if people_file:
        with open(people_file) as f:
            tokens = [line.strip() for line in f if line.strip()]
    if not tokens:
        tokens = [token]
    found = [None] * len(tokens)

    def scope(indices):
        for i in indices:
            s, _, raw, _ = call("GET", "/api/v1/auth/me", tok=tokens[i])
            me = expect("me", s, 200, raw)
            s, _, raw, _ = call("GET", "/api/v1/members?per_page=20", tok=tokens[i])
            items = expect("members", s, 200, raw)["items"]
            roles = me["roles"]
            role = roles[0]["role"] if roles else "admin"
            found[i] = {"token": tokens[i], "role": role,
                        "org": roles[0]["organization_id"] if roles else org,
                        "members": [m["id"] for m in items] or [None],
                        "branches": sorted({m["branch_id"] for m in items}) or [branch]}

    threads = [threading.Thread(target=scope, args=(range(k, len(tokens), 8),)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if any(p is None for p in found):
        raise SetupError("some people's scopes could not be read")
    if any(p["members"] == [None] for p in found):
        raise SetupError("a person's scope holds no member")
    people.extend(found)
    world["committees"] = [p for p in people if p["role"] in ("committee", "admin")]


def check_self_reviews(lost):
    for member, saves in saved.items():
        uri = f"/api/v1/cycles/{world['cycle']}/members/{member}/self-review"
        s, _, raw, _ = call("GET", uri)
        s2, _, raw2, _ = call("GET", f"{uri}/versions")
        if s != 200 or s2 != 200:
            lost.extend(("self_review", member, v) for v, _ in saves)
            continue
        current, versions = json.loads(raw), json.loads(raw2)
        kept = {}
        for v in versions:
            kept.setdefault(v["version"], []).append(v["content"])
        for v, content in saves:
            # Every save is a version: each one answered 200 is there under its number, alone.
            if kept.get(v) != [content]:
                lost.append(("self_review", member, v))
        last_v, last_content = max(saves, key=lambda x: x[0])
        # The self-review shows the last save: the highest version answered is the last written.
        if current.get("version") != last_v or current.get("content") != last_content:
            lost.append(("self_review", member, "current"))
        if member in world["on_behalf"] and current.get("on_behalf") is not True:
            lost.append(("self_review", member, "on_behalf"))


def check_tallies(lost):
    last = {}
    for i, tok in enumerate(world["tellers"]):
        s, _, raw, _ = call("GET", f"/api/v1/voting-sessions/{world['session']}", tok=tok)
        if s != 200:
            lost.extend(("tally", k) for k in entered if k[0] == i)
            continue
        roll = {r["member_id"]: r for r in json.loads(raw)["roll"]}
        for (teller, member), votes in entered.items():
            if teller != i:
                continue
            t = roll.get(member, {}).get("tally", {})
            # Each teller sees their own last entry (or the confirmed numbers, the same).
            if t.get("votes") != votes or t.get("entered_by_me") is not True:
                lost.append(("tally", teller, member))
            last.setdefault(member, {})[teller] = (votes, roll.get(member))
    confirmed = 0
    for member, by in last.items():
        entries = [v for v, _ in by.values()]
        _, r = next(iter(by.values()))
        t = r["tally"]
        if len(entries) == 1:
            ok = t["state"] == "first_entry" and t["entries"] == 1
        elif entries[0] == entries[1]:
            # Both tellers agree: the tally counts, and the live results take these numbers.
            ok = t["state"] == "confirmed" and r["input"]["votes"] == entries[0]
            confirmed += ok
        else:
            ok = t["state"] == "mismatch" and t["entries"] == 2
        if not ok:
            lost.append(("tally_state", member, t.get("state")))
    return confirmed


def ticks_of(pid, reaped=False):
    """CPU time (user + system, clock ticks) of a process and all its threads; 0 if gone.
    With `reaped`, also that of its children that ended and were waited for."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in rest[11:15 if reaped else 13])
    except (OSError, IndexError, ValueError):
        return 0


def cpu_snapshot():
    """The machine's CPU time so far, in clock ticks: the server's (SERVER_PID), PostgreSQL's
    (every process named postgres: its backends and its own), this load generator's, and the
    whole machine's busy and idle time (/proc/stat)."""
    postgres = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip() != "postgres":
                        continue
            except OSError:
                continue
            # A backend that ends between two snapshots moves its time into the postmaster's
            # reaped children's: counted either way.
            postgres += ticks_of(entry, reaped=True)
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return {"server": ticks_of(SERVER_PID) if SERVER_PID else 0, "postgres": postgres,
            "load": ticks_of(os.getpid()), "busy": sum(fields[:8]) - idle, "idle": idle}


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000 if xs else 0.0


def phase(phase_rate, phase_seconds):
    """Requests due at `phase_rate` per second for `phase_seconds` (open loop), then waits for
    every answer. Returns the phase's figures: rate sent, latencies, errors, and how the
    machine's cores were spent meanwhile (cores busy on average, per process)."""
    global next_n
    stats.update({"requests": 0, "errors": [], "latency": {}, "from_due": []})
    interval = 1.0 / phase_rate
    due_queue = queue.Queue()

    def worker():
        while True:
            item = due_queue.get()
            if item is None:
                return
            n, due = item
            local.due = due
            task(n)
            local.due = None

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for w in workers:
        w.start()
    cpu0 = cpu_snapshot()
    start = time.monotonic()
    k = 0
    while time.monotonic() - start < phase_seconds:
        due = start + k * interval
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        due_queue.put((next_n, due))
        next_n += 1
        k += 1
    for _ in workers:
        due_queue.put(None)
    for w in workers:
        w.join()
    elapsed = time.monotonic() - start
    cpu1 = cpu_snapshot()
    ticks = os.sysconf("SC_CLK_TCK")
    cores = {key: (cpu1[key] - cpu0[key]) / ticks / elapsed for key in cpu0}
    cores["other"] = max(0.0, cores["busy"] - cores["server"] - cores["postgres"] - cores["load"])
    everything = [x for v in stats["latency"].values() for x in v]
    all_errors.extend(stats["errors"])
    out = {
        "rate": phase_rate, "seconds": round(elapsed, 1), "requests": stats["requests"],
        "achieved_rate": round(stats["requests"] / elapsed, 1),
        "errors": len(stats["errors"]), "error_samples": stats["errors"][:5],
        "p50_all_ms": round(pct(everything, 0.5), 1), "p99_all_ms": round(pct(everything, 0.99), 1),
        "p99_from_due_ms": round(pct(stats["from_due"], 0.99), 1),
        "max_from_due_ms": round(max(stats["from_due"], default=0.0) * 1000, 1),
        "p50_ms": {k_: round(pct(v, 0.5), 1) for k_, v in stats["latency"].items()},
        "p99_ms": {k_: round(pct(v, 0.99), 1) for k_, v in stats["latency"].items()},
        # Cores busy on average over the phase (the machine has os.cpu_count()).
        "cores": {k_: round(v, 2) for k_, v in cores.items()},
        "server_cpu_ms_per_request": round(
            cores["server"] * elapsed * 1000 / max(1, stats["requests"]), 2),
        "postgres_cpu_ms_per_request": round(
            cores["postgres"] * elapsed * 1000 / max(1, stats["requests"]), 2),
    }
    # Held: no error, (nearly) the rate asked for sent, and the p99 within 100 ms both from
    # when a request was sent and from when it was due (a client falling behind shows there).
    out["holds"] = (not out["errors"] and out["achieved_rate"] >= 0.95 * phase_rate
                    and out["p99_all_ms"] <= 100 and out["p99_from_due_ms"] <= 100)
    return out


def main():
    setup_started = time.monotonic()
    try:
        setup()
        setup_people()
    except (SetupError, OSError, http.client.HTTPException, KeyError, ValueError) as e:
        print(json.dumps({
            "seconds": 0.0, "rate": rate, "requests": 0, "errors": 1,
            "error_samples": [("setup", str(e))], "created": 0, "changed": 0, "self_reviews": 0,
            "self_review_members": 0, "tallies": 0, "tally_members": 0, "tallies_confirmed": 0,
            "lost_writes": 0, "lost_samples": [], "p50_ms": {}, "p99_ms": {},
        }, ensure_ascii=False))
        sys.exit(1)
    setup_secs = time.monotonic() - setup_started
    # The server drops idle keep-alive connections after a few seconds: the checks afterwards
    # start on a new one.
    local.conn.close()
    local.conn = None
    main_phase = phase(rate, seconds)
    steps = []
    if not main_phase["holds"]:
        # Where the machine saturates (issue #18: "the rate where it does and why"): halving
        # the interval between the highest rate that held (0 at first) and the lowest that did
        # not, SEARCH_STEPS times, each for STEP_SECONDS after a short pause.
        held, failed = 0.0, rate
        for _ in range(SEARCH_STEPS):
            step_rate = round((held + failed) / 2 / 10) * 10
            if step_rate <= held or step_rate >= failed:
                break
            time.sleep(PAUSE_SECONDS)
            result = phase(step_rate, STEP_SECONDS)
            steps.append(result)
            if result["holds"]:
                held = step_rate
            else:
                failed = step_rate
        if steps:
            main_phase["saturation"] = {"held": held, "failed": failed}
    # Afterwards: every write is there.
    lost = []
    for mid, _ in created:
        s, _, raw, _ = call("GET", f"/api/v1/members/{mid}")
        if s != 200:
            lost.append(("create", mid))
        elif mid in changed and json.loads(raw).get("phone") != max(changed[mid])[1]:
            # The change with the highest version (its ETag) is the one kept: If-Match
            # serialises them, so none is lost and none overwrites a later one.
            lost.append(("change", mid))
    check_self_reviews(lost)
    confirmed = check_tallies(lost)

    out = dict(main_phase)
    out.update({
        # The asked rate's errors stay its own (above); the search's are counted apart.
        "step_errors": sum(x["errors"] for x in steps),
        "created": len(created), "changed": sum(len(v) for v in changed.values()),
        "self_reviews": sum(len(v) for v in saved.values()), "self_review_members": len(saved),
        "tallies": counters["tally_ok"], "tally_members": len({m for _, m in entered}),
        "tallies_confirmed": confirmed,
        "lost_writes": len(lost), "lost_samples": lost[:5], "setup_secs": round(setup_secs, 2),
        "people": len(people), "cpus": os.cpu_count(), "steps": steps,
    })
    print(json.dumps(out, ensure_ascii=False))
    sys.exit(0 if not all_errors and not lost else 1)


if __name__ == "__main__":
    main()
