#!/usr/bin/env python3
"""A 60-second mixed workload at a fixed rate against a running server (part of `make bench`):
member list pages and searches, member reads, statistics downloads (XLSX), new members and
changes to members (with If-Match). No answer may be an error, and afterwards every write is
checked: each member answered 201 exists, each change answered 200 holds its value.

Usage: scripts/load.py BASE_URL TOKEN BRANCH_ID ORG_ID [SECONDS] [RATE]
Prints one JSON line with the counts and latencies.
"""

import json
import http.client
import sys
import threading
import time
import urllib.parse

base, token, branch, org = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
rate = float(sys.argv[6]) if len(sys.argv) > 6 else 40.0
host = urllib.parse.urlparse(base)
local = threading.local()


def call(method, path, body=None, headers=None):
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    h = {"Authorization": f"Bearer {token}"}
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
stats = {"requests": 0, "errors": [], "latency": {}}
created, changed = [], {}


def record(kind, status, elapsed, ok):
    with lock:
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


def task(n):
    kind = ["list", "search", "read", "list", "create", "change", "search", "report", "read", "list"][n % 10]
    try:
        if kind == "list":
            s, _, _, t = call("GET", f"/api/v1/members?per_page=50&page={n % 20 + 1}")
            record(kind, s, t, s == 200)
        elif kind == "search":
            q = ["nguyen thi", "tran van", "le", "hoang minh"][n % 4].replace(" ", "+")
            s, _, _, t = call("GET", f"/api/v1/members?per_page=50&q={q}")
            record(kind, s, t, s == 200)
        elif kind == "read":
            s, _, raw, t = call("GET", f"/api/v1/members?organization_id={branch}&per_page=5")
            record(kind, s, t, s == 200)
        elif kind == "report":
            s, _, _, t = call("GET", f"/api/v1/reports/statistics?organization_id={org}&year=2016&format=xlsx")
            record(kind, s, t, s == 200)
        elif kind == "create":
            s, _, raw, t = call("POST", "/api/v1/members", new_member(n))
            record(kind, s, t, s == 201)
            if s == 201:
                with lock:
                    created.append(json.loads(raw)["id"])
        else:
            with lock:
                target = created[n % len(created)] if created else None
            if target is None:
                return
            s, etag, raw, _ = call("GET", f"/api/v1/members/{target}")
            phone = f"09{n:08d}"
            s2, new_etag, _, t = call("PATCH", f"/api/v1/members/{target}", {"phone": phone},
                                      {"If-Match": etag or ""})
            # 412: another worker changed it between the read and the write (expected, safe).
            record(kind, s2, t, s2 in (200, 412))
            if s2 == 200:
                version = int("".join(c for c in (new_etag or "") if c.isdigit()) or 0)
                with lock:
                    changed.setdefault(target, []).append((version, phone))
    except (OSError, http.client.HTTPException) as e:
        record(kind, 0, 0.0, False)
        with lock:
            stats["errors"].append((kind, str(e)))


def main():
    interval = 1.0 / rate
    threads = []
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        due = start + n * interval
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        t = threading.Thread(target=task, args=(n,))
        t.start()
        threads.append(t)
        threads = [x for x in threads if x.is_alive()]
        n += 1
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    # Afterwards: every write is there.
    lost = []
    for mid in created:
        s, _, raw, _ = call("GET", f"/api/v1/members/{mid}")
        if s != 200:
            lost.append(mid)
        elif mid in changed and json.loads(raw).get("phone") != max(changed[mid])[1]:
            # The change with the highest version (its ETag) is the one kept: If-Match
            # serialises them, so none is lost and none overwrites a later one.
            lost.append(mid)

    def pct(xs, p):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000 if xs else 0.0

    out = {
        "seconds": round(elapsed, 1), "rate": rate, "requests": stats["requests"],
        "errors": len(stats["errors"]), "error_samples": stats["errors"][:5],
        "created": len(created), "changed": sum(len(v) for v in changed.values()), "lost_writes": len(lost),
        "p50_ms": {k: round(pct(v, 0.5), 1) for k, v in stats["latency"].items()},
        "p99_ms": {k: round(pct(v, 0.99), 1) for k, v in stats["latency"].items()},
    }
    print(json.dumps(out, ensure_ascii=False))
    sys.exit(0 if not stats["errors"] and not lost else 1)


if __name__ == "__main__":
    main()
