#!/usr/bin/env python3
"""bench/load.py: how fast responses get into SQLite, against Python.

Run by "make bench-load" (not part of make check):

    python3 bench/load.py --module .libs/trtc --trtc ./trtc [--events N] [--files F ...] [--repeat R]

It generates seeded DescribeUserEvent responses in a temporary directory
(removed at the end) and times, as whole processes, interleaved and
repeated (min and median printed, ratios of medians):

  one response of N events (default 1,000,000):
    py-plain   Python's json.load, then executemany into a plain table
    tvf-plain  INSERT INTO the same table SELECT ... FROM trtc_user_events(?)
    json_tree  SELECT count(*) FROM json_tree(?): a bare scan of the same bytes
  and, with the trtc command, into sql/schema.sql's tables:
    py-schema  a 30-line Python loader: json.load, hashlib.sha3_256,
               executemany into trtc_responses and trtc_event_log
    ingest     trtc ingest DB FILE
  a directory of F files (20-500 events each), for each F given:
    py-schema and ingest, per event

Each run is a child process: its peak memory (from /usr/bin/time) is
printed too.
The goals (docs/performance.md): tvf-plain <= py-plain, tvf-plain <=
2 x json_tree, ingest <= py-schema, ingest's cost per event flat from 100
to 10,000 files.
"""
import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

PLAIN = "CREATE TABLE t(peer_id TEXT, type INTEGER, time_ms INTEGER, event_id INTEGER, param1 INTEGER, param2 INTEGER)"
EVENTS = [(5001, -1, -1), (5003, 1, -1), (5003, 0, -1), (5007, -1, -1), (4003, 1280, 720),
          (2002, 5, -1), (1003, 0, -1), (32788, -1, -1), (5008, 100, -1), (3001, 1, -1)]


def response(rng, n_events, peers):
    """A DescribeUserEvent response (wrapped) of n_events events."""
    data = []
    t = 1710235800000 + rng.randrange(10 ** 6)
    per_peer = max(1, n_events // len(peers))
    left = n_events
    for peer in peers:
        k = left if peer == peers[-1] else min(per_peer, left)
        content = []
        for _ in range(k):
            t += rng.randrange(1, 500)
            e, p1, p2 = EVENTS[rng.randrange(len(EVENTS))]
            content.append({"Type": rng.choice((0, 0, 2, 3)), "Time": t, "EventId": e,
                            "ParamOne": p1, "ParamTwo": p2})
        data.append({"PeerId": peer, "Content": content})
        left -= k
    return {"Response": {"Data": data, "RequestId": "%08x-bench" % rng.getrandbits(32)}}


# ---- The variants, each run in a child process ---------------------------

def run_py_plain(db, path):
    con = sqlite3.connect(db)
    con.execute(PLAIN)
    with open(path, "rb") as f:
        doc = json.load(f)
    rows = ((el.get("PeerId"), m.get("Type"), m.get("Time"), m.get("EventId"),
             m.get("ParamOne"), m.get("ParamTwo"))
            for el in doc["Response"]["Data"] for m in el.get("Content") or ())
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.commit()


def connect_trtc(db, module):
    con = sqlite3.connect(db)
    con.enable_load_extension(True)
    con.load_extension(module)
    return con


def run_tvf_plain(db, path, module):
    con = connect_trtc(db, module)
    con.execute(PLAIN)
    with open(path, "rb") as f:
        body = f.read()
    con.execute("INSERT INTO t SELECT peer_id, type, time_ms, event_id, param1, param2"
                " FROM trtc_user_events(?)", (body,))
    con.commit()


def run_json_tree(db, path):
    con = sqlite3.connect(db)
    with open(path, "rb") as f:
        body = f.read().decode("utf-8")
    con.execute("SELECT count(*) FROM json_tree(?)", (body,)).fetchone()


def run_py_schema(db, paths, schema):
    """What a user writes in Python to fill sql/schema.sql's tables."""
    con = sqlite3.connect(db)
    con.executescript(schema.replace("CREATE VIEW", "-- ").split("-- The event log decoded")[0])
    for path in paths:
        with open(path, "rb") as f:
            body = f.read()
        doc = json.loads(body)
        user = os.path.basename(path)[len("user-events-"):-len(".json")]
        cur = con.execute(
            "INSERT INTO trtc_responses (api, sdk_app_id, comm_id, room_id, user_id, source_file,"
            " body, body_sha3) VALUES ('DescribeUserEvent', 1400188366, '1400188366_r_1710235800', 'r', ?, ?, ?, ?)",
            (user, path, body.decode("utf-8"), hashlib.sha3_256(body).digest()))
        rid = cur.lastrowid
        rows = []
        for el in doc["Response"]["Data"]:
            for m in el.get("Content") or ():
                rows.append((rid, len(rows) + 1, user, el.get("PeerId"), m.get("Type"), m.get("Time"),
                             m.get("EventId"), m.get("ParamOne"), m.get("ParamTwo")))
        con.executemany(
            "INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id,"
            " peer_id, type, time_ms, event_id, param1, param2)"
            " VALUES (?, ?, 1400188366, '1400188366_r_1710235800', 'r', ?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute("UPDATE trtc_responses SET n_rows = ? WHERE response_id = ?", (len(rows), rid))
    con.commit()


# ---- The driver ------------------------------------------------------------

def child(argv):
    """Run one variant (in this process): python3 load.py --child VARIANT DB ARGS..."""
    variant, db = argv[0], argv[1]
    if variant == "py-plain":
        run_py_plain(db, argv[2])
    elif variant == "tvf-plain":
        run_tvf_plain(db, argv[2], argv[3])
    elif variant == "json_tree":
        run_json_tree(db, argv[2])
    elif variant == "py-schema":
        with open(argv[2]) as f:
            schema = f.read()
        target = argv[3]
        paths = ([os.path.join(target, p) for p in sorted(os.listdir(target)) if p.endswith(".json")]
                 if os.path.isdir(target) else [target])
        run_py_schema(db, paths, schema)


TIME = "/usr/bin/time"
COMM = "1400188366_r_1710235800"  # a well-formed CommId: no warning per file


def timed(cmd, db):
    """Run cmd as a child: (wall seconds, peak RSS in MB). db is removed first.

    The peak is measured by /usr/bin/time (package "time"), a small process
    that starts the command: Linux carries a process's peak RSS across
    fork and exec, so a child of this (large) Python process would report
    this process's size. Without /usr/bin/time the peak is not shown."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    have_time = os.access(TIME, os.X_OK)
    full = [TIME, "-f", "maxrss-kb %M"] + cmd if have_time else cmd
    t0 = time.perf_counter()
    proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    err = proc.stderr.decode(errors="replace")
    if proc.returncode != 0:
        sys.exit("bench/load.py: %s failed:\n%s" % (" ".join(cmd), err))
    mb = 0.0  # unknown
    for line in err.splitlines():
        if line.startswith("maxrss-kb "):
            mb = int(line.split()[1]) / 1024.0
    return wall, mb


def compare(title, variants, repeat, n_events):
    """Time the variants interleaved; print and return the medians."""
    times = {name: [] for name, _ in variants}
    rss = {name: 0.0 for name, _ in variants}
    for _ in range(repeat):
        for name, run in variants:
            wall, mb = run()
            times[name].append(wall)
            rss[name] = max(rss[name], mb)
    print("\n%s (%d runs each, interleaved)" % (title, repeat))
    med = {}
    for name, _ in variants:
        med[name] = statistics.median(times[name])
        peak = "%6.1f MB" % rss[name] if rss[name] else "     ? (no /usr/bin/time)"
        print("  %-10s min %7.3f s  median %7.3f s  %7.0f ns/event  peak %s" % (
            name, min(times[name]), med[name], med[name] * 1e9 / n_events, peak))
    return med


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--module", required=True, help="the trtc module, without .so")
    ap.add_argument("--trtc", help="the trtc command (its ingest part is skipped without it)")
    ap.add_argument("--schema", default=os.path.join(os.path.dirname(__file__), "..", "sql", "schema.sql"))
    ap.add_argument("--events", type=int, default=1000000)
    ap.add_argument("--files", type=int, nargs="*", default=[100, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    py = sys.executable
    me = os.path.abspath(__file__)
    module = os.path.abspath(a.module)
    have_ingest = False
    if a.trtc:
        r = subprocess.run([a.trtc, "ingest", "--help"], capture_output=True)
        have_ingest = r.returncode == 0
    tmp = tempfile.mkdtemp(prefix="trtc-bench-load.")
    try:
        rng = random.Random(a.seed)
        one = os.path.join(tmp, "user-events-big.json")
        with open(one, "w") as f:
            json.dump(response(rng, a.events, ["u%d" % i for i in range(10)]), f)
        db = os.path.join(tmp, "t.db")
        print("bench/load.py: SQLite %s, Python %s, seed %d; one response of %d events (%.1f MB)" % (
            sqlite3.sqlite_version, sys.version.split()[0], a.seed, a.events, os.path.getsize(one) / 1e6))
        variants = [
            ("py-plain", lambda: timed([py, me, "--child", "py-plain", db, one], db)),
            ("tvf-plain", lambda: timed([py, me, "--child", "tvf-plain", db, one, module], db)),
            ("json_tree", lambda: timed([py, me, "--child", "json_tree", db, one], db)),
        ]
        if have_ingest:
            variants += [
                ("py-schema", lambda: timed([py, me, "--child", "py-schema", db, a.schema, one], db)),
                ("ingest", lambda: timed([a.trtc, "ingest", "--quiet", "--sdk-app-id", "1400188366",
                                          "--room", "r", "--comm-id", COMM, db, one], db)),
            ]
        med = compare("one response", variants, a.repeat, a.events)
        print("  goals: tvf-plain / py-plain %.2f (<= 1.00); tvf-plain / json_tree %.2f (<= 2.00)" % (
            med["tvf-plain"] / med["py-plain"], med["tvf-plain"] / med["json_tree"]))
        if have_ingest:
            print("         ingest / py-schema %.2f (<= 1.00)" % (med["ingest"] / med["py-schema"]))
        else:
            print("  (trtc ingest not available: the schema comparisons are skipped)")
            return
        per_event = {}
        for nfiles in a.files:
            d = os.path.join(tmp, "d%d" % nfiles)
            os.mkdir(d)
            total = 0
            for i in range(nfiles):
                k = rng.randrange(20, 501)
                total += k
                with open(os.path.join(d, "user-events-u%05d.json" % i), "w") as f:
                    json.dump(response(rng, k, ["u%05d" % i, "peer%d" % (i % 7)]), f)
            med = compare("%d files, %d events" % (nfiles, total), [
                ("py-schema", lambda: timed([py, me, "--child", "py-schema", db, a.schema, d], db)),
                ("ingest", lambda: timed([a.trtc, "ingest", "--quiet", "--sdk-app-id", "1400188366",
                                          "--room", "r", "--comm-id", COMM, db, d], db)),
            ], a.repeat, total)
            per_event[nfiles] = med["ingest"] / total
            print("  goal: ingest / py-schema %.2f (<= 1.00)" % (med["ingest"] / med["py-schema"]))
            shutil.rmtree(d)
        if len(per_event) > 1:
            lo, hi = min(per_event), max(per_event)
            print("\ningest cost per event, %d files / %d files: %.2f (goal: flat, about 1.00)" % (
                hi, lo, per_event[hi] / per_event[lo]))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
