#!/usr/bin/env python3
"""The province's people for `make bench` (issue #18): 300 branch secretaries, 80 base
committees and 10 district committees of the seeded province, each with their own login and
token, spread over the province (every 26th branch, every 17th base), plus the tables the
naive SQL rendition reads (`bench_people`: each person's scope path; `bench_terms`: the
searches).

Usage: scripts/bench-people.py DATABASE_URL BASE_URL PASSWORD OUT_TOKENS
The users share the hash of the `bench` administrator's password (created beforehand), so
each logs in with PASSWORD through the API; one token per line goes to OUT_TOKENS.
"""

import http.client
import json
import subprocess
import sys
import threading
import urllib.parse

db, base, password, out = sys.argv[1:5]

# The searches people type: family, middle and given names without diacritics.
TERMS = ["nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
         "do", "ho", "ngo", "duong", "ly", "an", "binh", "chi", "dung", "hoa", "lan", "minh",
         "nam", "phuong", "quang", "son", "thanh", "trang", "tuan", "van", "thi", "ha", "hung",
         "linh", "mai", "ngoc", "thu", "xuan", "yen"]

SQL = """
CREATE TABLE bench_people (n int PRIMARY KEY, username text NOT NULL, path text NOT NULL,
                           branch_ids bigint[]);
WITH b AS (SELECT id, path, row_number() OVER (ORDER BY code) AS rn
             FROM organizations WHERE kind = 'branch'),
     cb AS (SELECT id, path, 'branch_committee' AS role FROM b WHERE rn % 26 = 1 ORDER BY rn LIMIT 300),
     s AS (SELECT id, path, row_number() OVER (ORDER BY code) AS rn
             FROM organizations WHERE kind = 'base'),
     cs AS (SELECT id, path, 'committee' AS role FROM s WHERE rn % 17 = 1 ORDER BY rn LIMIT 80),
     d AS (SELECT id, path, 'committee' AS role FROM organizations WHERE kind = 'district'
             ORDER BY code LIMIT 10),
     everyone AS (SELECT *, row_number() OVER () AS n
                    FROM (SELECT * FROM cb UNION ALL SELECT * FROM cs UNION ALL SELECT * FROM d) x),
     made AS (
       INSERT INTO users (username, display_name, password_hash, member_id, active, token_epoch,
                          created_at, updated_at, must_change_password)
       SELECT 'bench.p' || n, 'Người dùng ' || n,
              (SELECT password_hash FROM users WHERE username = 'bench'), NULL, true, 0,
              now(), now(), false
         FROM everyone
       RETURNING id, username),
     granted AS (
       INSERT INTO role_assignments (user_id, role, organization_id, created_at)
       SELECT made.id, everyone.role, everyone.id, now()
         FROM everyone JOIN made ON made.username = 'bench.p' || everyone.n
       RETURNING user_id)
INSERT INTO bench_people (n, username, path)
SELECT n, 'bench.p' || n, path FROM everyone;
UPDATE bench_people p SET branch_ids = (SELECT array_agg(o.id) FROM organizations o
                                          WHERE o.kind = 'branch' AND o.path LIKE p.path || '%');
CREATE TABLE bench_terms (n int PRIMARY KEY, term text NOT NULL);
"""


def main():
    terms = ", ".join(f"({i + 1}, '{t}')" for i, t in enumerate(TERMS))
    subprocess.run(["psql", "-qX", "-v", "ON_ERROR_STOP=1", db, "-c", SQL,
                    "-c", f"INSERT INTO bench_terms VALUES {terms}", "-c", "ANALYZE"],
                   check=True, capture_output=True)
    names = subprocess.run(["psql", "-qtAX", db, "-c", "SELECT username FROM bench_people ORDER BY n"],
                           check=True, capture_output=True, text=True).stdout.split()
    url = urllib.parse.urlparse(base)
    tokens = [None] * len(names)

    def login(indices):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        for i in indices:
            conn.request("POST", "/api/v1/auth/login",
                         body=json.dumps({"username": names[i], "password": password}),
                         headers={"Content-Type": "application/json"})
            res = conn.getresponse()
            body = res.read()
            if res.status != 200:
                sys.exit(f"login {names[i]}: {res.status} {body[:200]!r}")
            tokens[i] = json.loads(body)["access_token"]
        conn.close()

    threads = [threading.Thread(target=login, args=(range(k, len(names), 4),)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if any(t is None for t in tokens):
        sys.exit("some logins failed")
    with open(out, "w") as f:
        f.write("\n".join(tokens) + "\n")
    print(f"{len(tokens)} people logged in: 300 branch secretaries, 80 base committees, "
          f"10 district committees")


if __name__ == "__main__":
    main()
