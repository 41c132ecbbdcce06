#!/usr/bin/env python3
"""Reports from a real PostgreSQL streaming replica (issue #18), for `make test`.

Makes a throwaway primary (scripts/postgres-url.sh), a standby of it with
`pg_basebackup -R`, and runs the server with KIEMDIEM_REPLICA_URL; then checks, through HTTP:

1. a reader's member export and statistics are read from the replica once it has caught up
   (`X-Kiemdiem-Read-From: replica`);
2. replay paused on the standby, a member added on the primary: the writer's own export is read
   from the primary and holds the member; another reader's, from the replica, does not yet; once
   the replica is more than KIEMDIEM_REPLICA_MAX_LAG behind, everyone reads from the primary;
   replay resumed, the replica answers again, with the member;
3. the standby stopped: reports still answer 200, from the primary.

Usage: scripts/replica.py [path to the kiemdiem binary]   (default: target/release/kiemdiem)
"""

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from faults import BIN, HERE, Api, free_port, pg_tool, serve_as_admin  # noqa: E402

MAX_LAG = 2.0  # seconds
STICKY = 3.0  # seconds


def say(msg):
    print(f"replica: {msg}", flush=True)


def fail(msg):
    print(f"replica: FAILED: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def get(port, token, path):
    """GET answering (status, where it was read, body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        res = conn.getresponse()
        body = res.read().decode("utf-8", "replace")
        return res.status, res.getheader("X-Kiemdiem-Read-From"), body
    finally:
        conn.close()


def until(what, check, seconds=20.0):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last is True:
            return
        time.sleep(0.2)
    fail(f"{what} (last: {last})")


def main():
    if not os.access(BIN, os.X_OK):
        fail(f"no server binary at {BIN}")
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
    psql = pg_tool("psql")
    standby = f"{pgdir}/standby"
    standby_port = free_port()
    work = tempfile.mkdtemp(prefix="kiemdiem-replica.")
    server = None

    def on_standby(sql):
        subprocess.run([psql, "-h", "127.0.0.1", "-p", str(standby_port), "-U", "postgres",
                        "-d", "postgres", "-qAt", "-c", sql], check=True, capture_output=True)

    try:
        subprocess.run(owner + [pg_tool("pg_basebackup"), "-h", "127.0.0.1", "-p", pg_port,
                                "-U", "postgres", "-D", standby, "-R", "-X", "stream"],
                       check=True, capture_output=True)
        subprocess.run(owner + [ctl, "-D", standby, "-l", f"{pgdir}/standby.log", "-w", "-t", "30",
                                "-o", f"-p {standby_port} -k {pgdir} -c listen_addresses=127.0.0.1",
                                "start"], check=True, capture_output=True)
        say(f"primary on {pg_port}, streaming standby on {standby_port} (pg_basebackup -R)")

        server, writer, _, port = serve_as_admin(
            url,
            work,
            KIEMDIEM_REPLICA_URL=f"postgres://postgres@127.0.0.1:{standby_port}/postgres",
            KIEMDIEM_REPLICA_MAX_LAG=str(MAX_LAG),
            KIEMDIEM_REPLICA_STICKY=str(STICKY),
        )
        password = writer.password
        parent, province = None, None
        for kind, code in [("province", "RP"), ("district", "RD"), ("base", "RB"), ("branch", "RC")]:
            status, _, body, _ = writer.call("POST", "/api/v1/organizations", {
                "kind": kind, "code": code, "name": f"Tổ chức {code}", "parent_id": parent})
            if status != 201:
                fail(f"organization {code}: {status} {body}")
            parent = body["id"]
            province = province or parent
        branch = parent
        readers = []
        for name in ["tinhuy.a", "tinhuy.b"]:
            status, _, body, _ = writer.call("POST", "/api/v1/users", {
                "username": name, "display_name": name, "password": password,
                "roles": [{"role": "committee", "organization_id": province}]})
            if status != 201:
                fail(f"user {name}: {status} {body}")
            api = Api(port)
            status, _, body, _ = api.call("POST", "/api/v1/auth/login",
                                          {"username": name, "password": password})
            if status != 200:
                fail(f"login {name}: {status} {body}")
            readers.append(body["access_token"])
        # The logins themselves wrote (tokens): wait out the stickiness.
        time.sleep(STICKY + 0.5)

        export = "/api/v1/members/export?format=csv"
        stats = f"/api/v1/reports/statistics?organization_id={province}&year=2026"

        # 1. Caught up: the readers' reports come from the replica.
        say("1. a caught-up replica answers the reports")
        until("the reader's export read from the replica",
              lambda: get(port, readers[0], export)[:2] == (200, "replica"))
        status, where, _ = get(port, readers[0], stats)
        if (status, where) != (200, "replica"):
            fail(f"statistics: {status} from {where}")
        say("export and statistics read from the replica")

        # 2. Replay paused: the writer reads their own write on the primary.
        say("2. replay paused; the writer reads their own writes, the lag is noticed")
        on_standby("SELECT pg_wal_replay_pause()")
        status, _, body, _ = writer.call("POST", "/api/v1/members", {
            "full_name": "Nguyễn Thị Bản Sao", "gender": "female", "date_of_birth": "1980-01-01",
            "branch_id": branch, "status": "official", "admitted_on": "2005-05-19",
            "official_on": "2006-05-19", "category": "resident"})
        if status != 201:
            fail(f"member: {status} {body}")
        status, where, text = get(port, writer.token, export)
        if (status, where) != (200, "primary") or "Bản Sao" not in text:
            fail(f"the writer's own export: {status} from {where}, member {'Bản Sao' in text}")
        status, where, text = get(port, readers[1], export)
        if (status, where) != (200, "replica") or "Bản Sao" in text:
            fail(f"another reader within the lag: {status} from {where}, member {'Bản Sao' in text}")
        say("the writer sees the new member (primary); the other reader not yet (replica)")
        until("the lagging replica left for the primary",
              lambda: get(port, readers[1], export)[:2] == (200, "primary"), MAX_LAG + 5)
        status, where, text = get(port, readers[1], export)
        if "Bản Sao" not in text:
            fail("read from the primary, the export misses the new member")
        say(f"more than {MAX_LAG} s behind: everyone reads from the primary")
        on_standby("SELECT pg_wal_replay_resume()")
        until("the replica caught up and back in use",
              lambda: get(port, readers[1], export)[:2] == (200, "replica"))
        if "Bản Sao" not in get(port, readers[1], export)[2]:
            fail("the replica caught up but misses the new member")
        say("replay resumed: the replica answers again, with the new member")

        # 3. The standby stopped: reports answer from the primary.
        say("3. the standby stops")
        subprocess.run(owner + [ctl, "-D", standby, "-m", "immediate", "-w", "stop"],
                       check=True, capture_output=True)
        for token in readers:
            for path in [export, stats]:
                status, where, _ = get(port, token, path)
                if status != 200 or where != "primary":
                    fail(f"{path} with the standby down: {status} from {where}")
        say("reports answer 200 from the primary")
    finally:
        if server is not None:
            server.kill()
            server.wait()
        subprocess.run(owner + [ctl, "-D", standby, "-m", "immediate", "stop"], capture_output=True)
        subprocess.run([os.path.join(HERE, "postgres-url.sh"), "--stop", pgdir],
                       capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    say("all checks passed")


if __name__ == "__main__":
    main()
