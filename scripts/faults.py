#!/usr/bin/env python3
"""Fault drills for `make test`, against a throwaway PostgreSQL cluster this script starts
itself (never the machine's shared server) and the release binary:

1. PostgreSQL stops under a mixed load of reads and writes: requests fail fast (503
   problem+json within a few seconds, never a 500), readiness goes red; PostgreSQL comes back:
   readiness goes green without restarting the server, writes succeed again, and every write
   that was answered 201 is still there.
2. SIGTERM while a request is being uploaded: the request completes with its answer, then the
   process exits with status 0.

Usage: scripts/faults.py [path to the kiemdiem binary]   (default: target/release/kiemdiem)
"""

import glob
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "target/release/kiemdiem")
FAST = 5.0  # seconds: the pool waits 3 s for a connection; anything slower is not "fast"


def say(msg):
    print(f"faults: {msg}", flush=True)


def fail(msg):
    print(f"faults: FAILED: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def pg_tool(name):
    found = shutil.which(name)
    if found:
        return found
    for path in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return path
    fail(f"missing: PostgreSQL's {name} (Debian package 'postgresql')")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    def __init__(self, port):
        self.port = port
        self.token = None

    def call(self, method, path, body=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.monotonic()
        try:
            conn.request(method, path, body=data, headers=headers)
            res = conn.getresponse()
            raw = res.read()
            elapsed = time.monotonic() - started
            ctype = res.getheader("Content-Type", "")
            parsed = json.loads(raw) if raw and "json" in ctype else None
            return res.status, ctype, parsed, elapsed
        finally:
            conn.close()


def start_server(env, log):
    return subprocess.Popen([BIN, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(api, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _, _, _ = api.call("GET", "/health/ready", timeout=5)
            if status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def serve_as_admin(url, work, **extra):
    """Starts the server on `url` with an administrator logged in: (process, Api, env, port)."""
    port = free_port()
    senv = dict(
        os.environ,
        DATABASE_URL=url,
        KIEMDIEM_BIND=f"127.0.0.1:{port}",
        KIEMDIEM_DATA_DIR=work,
        KIEMDIEM_WEB_DIR=os.path.join(work, "none"),
        KIEMDIEM_JWT_SECRET=secrets.token_hex(32),
        KIEMDIEM_DB_POOL_SIZE="4",
        KIEMDIEM_RATE_LIMIT="100000",
        RUST_LOG="warn",
        **extra,
    )
    password = secrets.token_hex(12)
    subprocess.run([BIN, "create-admin", "--username", "admin", f"--password={password}"],
                   env=senv, check=True, capture_output=True)
    log = open(os.path.join(work, "server.log"), "wb")
    server = start_server(senv, log)
    api = Api(port)
    api.password = password
    if not wait_ready(api, 30):
        server.kill()
        fail("the server did not become ready")
    status, _, body, _ = api.call("POST", "/api/v1/auth/login",
                                  {"username": "admin", "password": password})
    if status != 200:
        server.kill()
        fail(f"login: {status} {body}")
    api.token = body["access_token"]
    return server, api, senv, port


def member(branch_id, n):
    return {
        "full_name": f"Nguyễn Văn Thử {n}",
        "gender": "male",
        "date_of_birth": "1980-01-01",
        "branch_id": branch_id,
        "status": "official",
        "admitted_on": "2005-05-19",
        "official_on": "2006-05-19",
        "category": "resident",
    }


def main():
    if not os.access(BIN, os.X_OK):
        fail(f"no server binary at {BIN}: run 'cargo build --release -p kiemdiem' first")
    env = dict(os.environ, KIEMDIEM_TEST_PG_THROWAWAY="1")
    env.pop("KIEMDIEM_TEST_PG_URL", None)
    out = subprocess.run(
        [os.path.join(HERE, "postgres-url.sh")], env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        fail(f"could not start a throwaway PostgreSQL: {out.stderr}")
    url, pgdir = out.stdout.splitlines()[:2]
    pg_port = url.rsplit(":", 1)[1].split("/")[0]
    owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    ctl = pg_tool("pg_ctl")

    def pg(action):
        args = owner + [ctl, "-D", f"{pgdir}/data", "-w", "-t", "30"]
        if action == "start":
            args += ["-l", f"{pgdir}/server.log", "-o",
                     f"-p {pg_port} -k {pgdir} -c listen_addresses=127.0.0.1"]
        else:
            args += ["-m", "fast"]
        subprocess.run(args + [action], check=True, capture_output=True)

    work = tempfile.mkdtemp(prefix="kiemdiem-faults.")
    server = None
    try:
        server, api, _, port = serve_as_admin(url, work)
        parent = None
        for kind, code in [("province", "FP"), ("district", "FD"), ("base", "FB"), ("branch", "FC")]:
            status, _, body, _ = api.call("POST", "/api/v1/organizations", {
                "kind": kind, "code": code, "name": f"Tổ chức {code}", "parent_id": parent})
            if status != 201:
                fail(f"organization {code}: {status} {body}")
            parent = body["id"]
        branch = parent

        # 1. PostgreSQL stops under load.
        say("1. PostgreSQL stops under a mixed load, then comes back")
        created, answers, stop = [], [], threading.Event()
        phase = {"name": "before"}

        def load(worker):
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    if n % 2:
                        r = api.call("POST", "/api/v1/members", member(branch, f"{worker}-{n}"))
                        if r[0] == 201:
                            created.append(r[2]["id"])
                    else:
                        r = api.call("GET", "/api/v1/members?per_page=5")
                    answers.append((phase["name"], r[0], r[1], r[3]))
                except OSError as e:
                    answers.append((phase["name"], 0, str(e), 0.0))
                time.sleep(0.05)

        threads = [threading.Thread(target=load, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        time.sleep(2)
        phase["name"] = "outage"
        pg("stop")
        say("PostgreSQL stopped")
        time.sleep(1)
        status, ctype, body, elapsed = api.call("GET", "/health/ready")
        if status != 503:
            fail(f"readiness during the outage: {status}, expected 503")
        time.sleep(5)
        phase["name"] = "recovery"
        pg("start")
        say("PostgreSQL started again")
        if not wait_ready(api, 30):
            fail("readiness did not come back within 30 s (the server should recover by itself)")
        time.sleep(2)
        phase["name"] = "after"
        time.sleep(2)
        stop.set()
        for t in threads:
            t.join()

        outage = [a for a in answers if a[0] == "outage"]
        if not outage:
            fail("no request was made during the outage")
        bad = [a for a in outage if a[1] not in (200, 201, 503)]
        if bad:
            fail(f"during the outage, answers other than 503: {bad[:5]}")
        refused = [a for a in outage if a[1] == 503]
        if not refused:
            fail("no request was refused during the outage")
        wrong_type = [a for a in refused if "application/problem+json" not in a[2]]
        if wrong_type:
            fail(f"503 without problem+json: {wrong_type[:3]}")
        slow = [a for a in refused if a[3] > FAST]
        if slow:
            fail(f"{len(slow)} refusals took longer than {FAST} s: {slow[:3]}")
        after = [a for a in answers if a[0] == "after"]
        if not after or any(a[1] not in (200, 201) for a in after):
            fail(f"after recovery, not every request succeeded: {[a for a in after if a[1] not in (200, 201)][:5]}")
        if not any(a[1] == 201 for a in after):
            fail("no write succeeded after recovery")
        lost = []
        for mid in created:
            status, _, _, _ = api.call("GET", f"/api/v1/members/{mid}")
            if status != 200:
                lost.append(mid)
        if lost:
            fail(f"{len(lost)} of {len(created)} committed members are gone: {lost[:5]}")
        say(f"{len(answers)} requests: {len(refused)} refused with 503 during the outage "
            f"(slowest {max(a[3] for a in refused):.2f} s), {len(created)} members written "
            "and all still there, the server recovered without a restart")

        # 2. SIGTERM during an upload.
        say("2. SIGTERM while a request is being uploaded")
        rows = ("Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Mã chi bộ,Loại đảng viên,"
                "Ngày vào Đảng,Ngày chính thức,Đối tượng\n")
        rows += "".join(
            f"7{i:07d},Trần Thị Tải {i},Nữ,01/02/1985,FC,Chính thức,19/05/2010,19/05/2011,Cư trú\n"
            for i in range(3000)
        )
        payload = rows.encode()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.putrequest("POST", "/api/v1/members/import?dry_run=true")
        conn.putheader("Authorization", f"Bearer {api.token}")
        conn.putheader("Content-Type", "text/csv")
        conn.putheader("Content-Length", str(len(payload)))
        conn.endheaders()
        chunks = [payload[i:i + 8192] for i in range(0, len(payload), 8192)]
        for i, chunk in enumerate(chunks):
            conn.send(chunk)
            if i == len(chunks) // 3:
                server.send_signal(signal.SIGTERM)
                say("SIGTERM sent mid-upload")
            time.sleep(2.0 / len(chunks))
        res = conn.getresponse()
        body = json.loads(res.read())
        if res.status != 200:
            fail(f"the request in flight at SIGTERM answered {res.status}: {body}")
        # Every row arrived and was read: a cut upload must never pass for a complete one.
        if body.get("rows") != 3000 or body.get("created") != 3000 or body.get("errors"):
            fail(f"the dry run's report is not 3000 rows to create: "
                 f"{ {k: v for k, v in body.items() if k != 'errors'} } {body.get('errors', [])[:3]}")
        try:
            code = server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            fail("the server did not exit within 15 s of SIGTERM")
        server = None
        if code != 0:
            fail(f"the server exited with {code} after SIGTERM, expected 0")
        say("the request completed (200), then the server exited 0")
    finally:
        if server is not None:
            server.kill()
            server.wait()
        subprocess.run([os.path.join(HERE, "postgres-url.sh"), "--stop", pgdir],
                       capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    say("all drills passed")


if __name__ == "__main__":
    main()
