#!/usr/bin/python3
"""tests/mock_tencent.py: a stand-in for TRTC's monitoring API (version
2019-07-22) on 127.0.0.1, for tests/fetch_mock.sh. Python's standard library
only.

    python3 tests/mock_tencent.py --port-file P --log L --expect E \
        --secret-id ID --secret-key KEY [--token T] --base B --now N \
        [--faults 'throttle=4,11;drop=7;http503=16'] [--clock-skew S]
        [--tls-cert C --tls-key K]

It serves the five actions (DescribeRoomInfo, DescribeUserInfo,
DescribeUserEvent, DescribeUnusualEvent, DescribeCallDetailInfo) from a
canned data set built from --base (start of the range) and --now. Every
request is checked independently of the command under test:

- its TC3-HMAC-SHA256 signature is recomputed here (hmac, hashlib) with the
  test key, the credential scope, date and timestamp are checked, and
  X-TC-Token must match --token;
- method, path, Content-Type, X-TC-Version, X-TC-Region, the action, the
  required fields and their types, unknown fields, the window of each
  action (24 h, 4 h, 1 h, the last 14 days), page sizes, and that the
  context (CommId, RoomId, UserId) names a call and user that exist;
- the rate: 20 or more requests within one second is a violation (and is
  answered with RequestLimitExceeded, as the service would);
- the secret key appears nowhere in the request.

A request that fails a check is answered with an error and logged with its
problems; every request is logged as one JSON line in --log (seq, time,
action, body, sig_ok, problems, outcome). --faults makes requests number N
(1-based, counted over the mock's life) fail: throttle (RequestLimitExceeded),
drop (connection closed without an answer), http503 (HTML error page),
http502json, http429json (HTTP 502 or 429 with a JSON body but no Error),
http429html (HTTP 429 with an HTML page), internal (InternalError), notobject
(a "Response" that is a list), big (a good answer padded to 200 KB), huge
(an answer larger than the command's 256 MiB limit).
--clock-skew S puts the mock's clock S seconds ahead (signatures expire).
--expect receives what the data set holds, for the test to compare with.

Data sets, by SdkAppId:
  1400000001  ten calls over two days: pages of rooms, a call of 5 hours
              (two DescribeUserInfo windows), a slot of exactly 20 unusual
              events and one of 28 (both must be split), an unfinished call
              whose unfinished user gets 2 more events each time asked
  1400000002  one call whose user "bad" fails the first time it is asked
  1400000003  one call with 21 unusual events within one second (the cap
              cannot be split away)
  1400000004  an odd service: rooms listed whatever the window, among
              them one without CommId and one created more than 14 days
              ago; a user list that ignores PageNumber; a user whose
              events come as HTML, one whose answer has no Response
              object, one whose Data is not a list, one answered with HTTP
              400 and no Error, one whose events are all about others; a
              room whose unusual events are not a list, a call whose user
              list is null and whose unusual events are refused; a user
              always throttled, with the SecretId in the message (it must
              not be shown); a user whose Error has no Code, no Message,
              no RequestId; a user without any event
  1400000005  two calls; asking for the first one's users is refused
              (UnauthorizedOperation, CAM): the fetch stops there
  1400000006  odd calls: rooms listed whatever the window or PageNumber
              (always the same 3); a call without RoomString whose
              DestroyTime is 0 and whose UserList is not a list; a call
              that ends in the future, with a user without UserId and 25
              unusual events in its first hour whose first half-window is
              refused; a call that ended before the 14 days
  1400000007  a RoomList that is absent (RoomId "absent") or not a list
  1400000009  70 calls; asking for their users is refused (as 1400000005)
  1400000010  room 10a: its first user's events are refused
              (UnauthorizedOperation); room 10b (2 hours, no user): its
              unusual events are refused (AuthFailure)
  1400000011  one call still going (created --now - 1800): users v1 (still
              in it: 2 more events each time asked) and v2, 2 unusual events
"""
import argparse
import datetime
import hashlib
import hmac
import http.server
import json
import os
import random
import socketserver
import ssl
import sys
import threading
import time
import uuid

REGIONS = {"ap-beijing", "ap-guangzhou", "ap-mumbai", "ap-singapore", "na-toronto"}
MAX_AGE = 14 * 86400


# ---- The data sets -------------------------------------------------------------

def user_events(comm, user, join, serve):
    """DescribeUserEvent's Data for one user: three events of their own and
    one about a peer; an unfinished user gets two more each time asked."""
    t = (join + 1) * 1000
    own = [
        {"Type": 0, "Time": t, "EventId": 5001, "ParamOne": -1, "ParamTwo": -1},
        {"Type": 0, "Time": t + 500, "EventId": 5003, "ParamOne": 1, "ParamTwo": -1},
        {"Type": 2, "Time": t + 900, "EventId": 4003, "ParamOne": 1280, "ParamTwo": 720},
    ]
    for k in range(2 * (serve - 1)):
        own.append({"Type": 0, "Time": t + 2000 + k, "EventId": 1001, "ParamOne": -1, "ParamTwo": -1})
    return [{"PeerId": user, "Content": own},
            {"PeerId": user + "-peer", "Content": [
                {"Type": 3, "Time": t + 1200, "EventId": 4003, "ParamOne": 320, "ParamTwo": 180}]}]


class DataSet:
    def __init__(self, app, base, now):
        self.app = app
        self.rooms = []          # RoomState dicts, by CreateTime
        self.users = {}          # CommId -> [UserInformation]
        self.unusual = {}        # RoomId -> [AbnormalExperience]
        self.fail_once = set()   # (CommId, UserId) that fail the first time
        self.serves = {}         # (CommId, UserId) -> times served
        if app == 1400000001:
            self.main(base, now)
        elif app == 1400000002:
            self.add_call("2001", base + 600, 600, ["ok1", "bad", "ok2"], [(base + 700, "ok1")])
            self.fail_once.add((self.comm("2001", base + 600), "bad"))
        elif app == 1400000003:
            self.add_call("3001", base + 600, 600, ["zed"], [(base + 700, "zed")] * 21)
        elif app == 1400000004:
            self.add_call("4001", base + 600, 600, ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"], [])
            self.add_call("4003", base + 1200, 600, [], [])
            old = now - 14 * 86400 - 7200
            self.add_call("4004", old, 3 * 3600, ["old1"], [])
            self.rooms.append({"RoomString": "4002", "CreateTime": base + 900, "DestroyTime": base + 1000,
                               "IsFinished": True, "UserId": "x"})   # no CommId
        elif app == 1400000005:
            self.add_call("5001", base + 600, 600, ["p1"], [])
            self.add_call("5002", base + 1800, 600, ["p2"], [])
        elif app == 1400000006:
            self.add_call("6002", base + 1200, 600, ["q1"],
                          [(base + 1260 + 10 * k, "q1") for k in range(25)])
            self.rooms[-1]["DestroyTime"] = now + 3600   # ends in the future
            self.split_refused_from = base + 1200
            self.users[self.comm("6002", base + 1200)].insert(0, {"RoomStr": "6002", "JoinTs": base + 1201, "LeaveTs": base + 1790,
                                                                "Finished": True})   # no UserId
            self.add_call("6003", now - 14 * 86400 - 3 * 3600, 3600, [], [])
            self.add_call("6001", base + 600, 600, [], [])
            self.rooms[-1]["RoomString"] = None
            self.rooms[-1]["DestroyTime"] = 0             # finished, no end
            self.rooms.sort(key=lambda r: r["CreateTime"])
        elif app == 1400000009:
            for k in range(70):
                self.add_call("9%03d" % k, base + 600 + 60 * k, 30, ["p"], [])
        elif app == 1400000010:
            self.add_call("10a", base + 600, 600, ["stopme", "after"], [])
            self.add_call("10b", base + 1800, 7200, [], [])
        elif app == 1400000011:
            c = now - 1800
            self.add_call("11a", c, 0, ["v1", "v2"], [(c + 60, "v1"), (c + 120, "v2")], finished=False,
                          user_spans={"v1": (c + 5, 0, False), "v2": (c + 6, c + 600, True)})

    def comm(self, room, create):
        return "%d_%s_%d" % (self.app, room, create)

    def add_call(self, room, create, length, users, unusual, finished=True, user_spans=None):
        comm = self.comm(room, create)
        self.rooms.append({"CommId": comm, "RoomString": room, "CreateTime": create,
                           "DestroyTime": create + length if finished else 0,
                           "IsFinished": finished, "UserId": users[0] if users else ""})
        lst = []
        for i, u in enumerate(users):
            join, leave, fin = create + 5 + i, create + length - 5, True
            if user_spans and u in user_spans:
                join, leave, fin = user_spans[u]
            lst.append({"RoomStr": room, "UserId": u, "JoinTs": join, "LeaveTs": leave,
                        "DeviceType": ["iPhone14,2", "Pixel 7", "Windows"][i % 3],
                        "SdkVersion": "11.%d.0" % i, "ClientIp": "10.0.0.%d" % (i + 1),
                        "Finished": fin})
        self.users[comm] = lst
        exps = self.unusual.setdefault(room, [])
        for k, (t, u) in enumerate(unusual):
            events = [{"AbnormalEventId": 2010, "PeerId": ""}]
            if k % 2:
                events.append({"AbnormalEventId": 2024, "PeerId": u + "-peer"})
            exps.append({"UserId": u, "RoomId": room, "EventTime": t,
                         "ExperienceId": 1 + k % 5, "AbnormalEventList": events})

    def main(self, base, now):
        b = base
        self.add_call("1001", b + 600, 1800, ["alice", "bob", "carol"],
                      [(b + 700, "alice"), (b + 900, "bob")])
        c2 = b + 3600
        self.add_call("1002", c2, 9000, ["dave", "erin"],
                      [(c2 + 180 * k, "dave") for k in range(20)] +          # exactly 20
                      [(c2 + 3600 + 128 * k, "erin") for k in range(28)] +   # more than 20
                      [(c2 + 7200 + 100 * k, "dave") for k in range(3)])
        self.add_call("1003", b + 20000, 600, ["frank"], [])
        c4 = b + 30000
        self.add_call("1004", c4, 5 * 3600, ["gina", "hank"],
                      [(c4 + 4 * 3600 + 60, "hank")],
                      user_spans={"gina": (c4 + 10, c4 + 3600, True),
                                  "hank": (c4 + 4 * 3600 + 30, c4 + 5 * 3600 - 10, True)})
        self.add_call("room-5", b + 50000, 600, ["ivan_2"], [(b + 50100, "ivan_2")])
        self.add_call("1006", b + 60000, 600, ["judy"], [])
        self.add_call("1007", b + 80000, 600, ["kate"], [(b + 80100, "kate")])
        d2 = b + 86400
        self.add_call("1008", d2 + 600, 600, ["leo"], [(d2 + 700, "leo")])
        self.add_call("1009", d2 + 1200, 600, ["mia"], [])
        c10 = now - 1800
        self.add_call("1010", c10, 0, ["nina", "oscar"], [(c10 + 60, "nina"), (c10 + 120, "oscar")],
                      finished=False,
                      user_spans={"nina": (c10 + 5, 0, False), "oscar": (c10 + 6, c10 + 600, True)})

    def find_call(self, comm):
        for r in self.rooms:
            if r.get("CommId") == comm:
                return r
        return None

    def expect(self):
        calls = {}
        for r in self.rooms:
            if "CommId" not in r:
                continue
            exps = [e for e in self.unusual.get(r["RoomString"], [])]
            calls[r["CommId"]] = {
                "room": r["RoomString"], "finished": r["IsFinished"],
                "users": sorted({u["UserId"] for u in self.users[r["CommId"]] if "UserId" in u}),
                "sessions": len(self.users[r["CommId"]]),
                "experiences": len(exps),
                "unusual_rows": sum(max(1, len(e["AbnormalEventList"])) for e in exps),
                # rows of one DescribeUserEvent response, first time asked
                "events_per_user": 4,
            }
        return {"app": self.app, "calls": calls}


# ---- Signature v3, recomputed here ----------------------------------------------------

def sign_check(headers, body, secret_id, secret_key, token, skew=0):
    """Returns (ok, error code, message, problems). skew: seconds this
    server's clock is ahead (to see an expired signature)."""
    problems = []
    auth = headers.get("Authorization", "")
    prefix = "TC3-HMAC-SHA256 "
    if not auth.startswith(prefix):
        return False, "AuthFailure.InvalidAuthorization", "Authorization is not TC3-HMAC-SHA256", problems
    parts = {}
    for item in auth[len(prefix):].split(", "):
        k, _, v = item.partition("=")
        parts[k] = v
    cred = parts.get("Credential", "").split("/")
    signed = parts.get("SignedHeaders", "")
    if len(cred) != 4 or cred[3] != "tc3_request":
        return False, "AuthFailure.InvalidAuthorization", "bad Credential", problems
    if cred[0] != secret_id:
        return False, "AuthFailure.SecretIdNotFound", "The SecretId is not found.", problems
    try:
        ts = int(headers.get("X-TC-Timestamp", ""))
    except ValueError:
        return False, "AuthFailure.InvalidAuthorization", "bad X-TC-Timestamp", problems
    if abs(time.time() + skew - ts) > 300:
        return False, "AuthFailure.SignatureExpire", "The signature expired.", problems
    date = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%d")
    if cred[1] != date:
        problems.append("credential date %s is not the timestamp's UTC date %s" % (cred[1], date))
    if cred[2] != "trtc":
        problems.append("credential service %s is not trtc" % cred[2])
    names = signed.split(";")
    if "content-type" not in names or "host" not in names or names != sorted(names):
        problems.append("SignedHeaders %r" % signed)
    canonical_headers = "".join("%s:%s\n" % (n, headers.get(n, "").strip().lower()) for n in names)
    canonical = "\n".join(["POST", "/", "", canonical_headers, signed,
                           hashlib.sha256(body).hexdigest()])
    scope = "%s/%s/tc3_request" % (cred[1], cred[2])
    to_sign = "\n".join(["TC3-HMAC-SHA256", str(ts), scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])

    def h(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    k = h(h(h(("TC3" + secret_key).encode(), cred[1]), cred[2]), "tc3_request")
    want = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, parts.get("Signature", "")):
        return False, "AuthFailure.SignatureFailure", \
            "The provided credentials could not be validated. Please check your signature is correct.", \
            problems
    if token is not None and headers.get("X-TC-Token") != token:
        return False, "AuthFailure.TokenFailure", "The token is wrong.", problems
    return True, None, None, problems


# ---- Field checks ---------------------------------------------------------------------------

FIELDS = {
    # action: (required {name: type}, optional {name: type}, max window)
    "DescribeRoomInfo": ({"SdkAppId": int, "StartTime": int, "EndTime": int},
                         {"RoomId": str, "PageNumber": int, "PageSize": int}, 86400),
    "DescribeUserInfo": ({"CommId": str, "SdkAppId": int, "StartTime": int, "EndTime": int},
                         {"UserIds": list, "PageNumber": int, "PageSize": int}, 4 * 3600),
    "DescribeUserEvent": ({"CommId": str, "UserId": str, "RoomId": str, "SdkAppId": int,
                           "StartTime": int, "EndTime": int}, {}, None),
    "DescribeUnusualEvent": ({"SdkAppId": int, "StartTime": int, "EndTime": int},
                             {"RoomId": str}, 3600),
    "DescribeCallDetailInfo": ({"CommId": str, "SdkAppId": int, "StartTime": int, "EndTime": int},
                               {"UserIds": list, "DataType": list, "PageNumber": int,
                                "PageSize": int}, 3600),
}


def check_fields(action, req, now):
    problems = []
    required, optional, window = FIELDS[action]
    for name, typ in required.items():
        if name not in req:
            problems.append("%s: %s missing" % (action, name))
        elif type(req[name]) is not typ:
            problems.append("%s: %s is %r, not %s" % (action, name, req[name], typ.__name__))
    for name, value in req.items():
        if name in required:
            continue
        if name not in optional:
            problems.append("%s: unknown field %s" % (action, name))
        elif type(value) is not optional[name]:
            problems.append("%s: %s is %r, not %s" % (action, name, value, optional[name].__name__))
    if problems:
        return problems
    start, end = req["StartTime"], req["EndTime"]
    if end < start:
        problems.append("%s: EndTime %d before StartTime %d" % (action, end, start))
    if window is not None and end - start > window:
        problems.append("%s: window of %d s, more than %d" % (action, end - start, window))
    if start < now - MAX_AGE:
        problems.append("%s: StartTime %d more than 14 days ago" % (action, start))
    if end > now + 60:
        problems.append("%s: EndTime %d in the future" % (action, end))
    size_max = 6 if action == "DescribeCallDetailInfo" and "DataType" in req else 100
    if "PageSize" in req and not 1 <= req["PageSize"] <= size_max:
        problems.append("%s: PageSize %d outside 1-%d" % (action, req["PageSize"], size_max))
    if "PageNumber" in req and req["PageNumber"] < 0:
        problems.append("%s: PageNumber %d" % (action, req["PageNumber"]))
    if action in ("DescribeRoomInfo", "DescribeUserInfo") and \
            ("PageSize" not in req or "PageNumber" not in req):
        problems.append("%s: without PageNumber and PageSize only 6 come back" % action)
    return problems


# ---- The server --------------------------------------------------------------------------------

class Mock:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.seq = 0
        self.times = []
        self.data = {app: DataSet(app, args.base, args.now)
                     for app in (1400000001, 1400000002, 1400000003, 1400000004, 1400000005,
                                 1400000006, 1400000007, 1400000009, 1400000010, 1400000011)}
        self.faults = {}
        for part in filter(None, (args.faults or "").split(";")):
            kind, _, nums = part.partition("=")
            for n in nums.split(","):
                self.faults[int(n)] = kind
        self.log = open(args.log, "a", encoding="utf-8")
        self.rng = random.Random(7)

    def record(self, entry):
        self.log.write(json.dumps(entry, sort_keys=True) + "\n")
        self.log.flush()

    def answer(self, action, req, problems):
        """The Response object for a request that passed the checks, or an error."""
        ds = self.data.get(req.get("SdkAppId"))
        if ds is None:
            return {"Error": {"Code": "InvalidParameter.SdkAppId", "Message": "no such SdkAppId"}}
        start, end = req["StartTime"], req["EndTime"]
        if action == "DescribeRoomInfo":
            if ds.app == 1400000007:
                return {"Total": 0} if req.get("RoomId") == "absent" else {"Total": 0, "RoomList": "none"}
            rooms = [r for r in ds.rooms if (start <= r["CreateTime"] <= end or ds.app in (1400000004, 1400000006)) and
                     req.get("RoomId") in (None, r["RoomString"])]
            size, page = req["PageSize"], req["PageNumber"]
            if ds.app == 1400000006:
                page = 0   # ignores paging: the same page forever
            chunk = rooms[page * size:(page + 1) * size]
            return {"Total": len(chunk), "RoomList": chunk}   # Total counts the page only
        comm = req.get("CommId")
        call = ds.find_call(comm) if comm is not None else None
        if comm is not None and call is None:
            problems.append("%s: unknown CommId %s" % (action, comm))
            return {"Error": {"Code": "InvalidParameter.CommId", "Message": "no such call"}}
        if action in ("DescribeUserInfo", "DescribeCallDetailInfo"):
            users = [u for u in ds.users[comm]
                     if u["JoinTs"] <= end and (not u["Finished"] or u["LeaveTs"] >= start)]
            size, page = req.get("PageSize", 6), req.get("PageNumber", 0)
            if ds.app == 1400000004:
                page, size = 0, 100   # ignores paging: the same page forever
            if ds.app in (1400000005, 1400000009):
                return {"Error": {"Code": "UnauthorizedOperation",
                                  "Message": "CAM authorization failed."}}
            if ds.app == 1400000006 and call["RoomString"] is None:
                return {"Total": 1, "UserList": "none"}
            chunk = users[page * size:(page + 1) * size]
            out = {"Total": len(users), "UserList": chunk if chunk or ds.app != 1400000004 else None}
            if action == "DescribeCallDetailInfo":
                out["Data"] = []
            return out
        if action == "DescribeUserEvent":
            user = req["UserId"]
            if req["RoomId"] != call["RoomString"]:
                problems.append("DescribeUserEvent: RoomId %s is not the call's room %s"
                                % (req["RoomId"], call["RoomString"]))
            sessions = [u for u in ds.users[comm] if u.get("UserId") == user]
            if not sessions:
                problems.append("DescribeUserEvent: %s is not a user of %s" % (user, comm))
                return {"Error": {"Code": "InvalidParameter.UserId", "Message": "no such user"}}
            if (comm, user) in ds.fail_once:
                ds.fail_once.discard((comm, user))
                return {"Error": {"Code": "FailedOperation.QueryFailed",
                                  "Message": "The query failed, try again later."}}
            if ds.app == 1400000010 and user == "stopme":
                return {"Error": {"Code": "UnauthorizedOperation.NoPermission",
                                  "Message": "No permission for DescribeUserEvent."}}
            if ds.app == 1400000004 and user == "u1":
                return "RAW"
            if ds.app == 1400000004 and user == "u2":
                return "NO_RESPONSE"
            if ds.app == 1400000004 and user == "u4":
                return {"Data": {"PeerId": "u4"}}   # not a list
            if ds.app == 1400000004 and user == "u5":
                return "STATUS400"
            if ds.app == 1400000004 and user == "u7":
                return {"Error": {"Code": "RequestLimitExceeded.UinLimitExceeded",
                                  "Message": "Too many requests for SecretId %s." % self.args.secret_id}}
            if ds.app == 1400000004 and user == "u8":
                return "BARE_ERROR"
            if ds.app == 1400000004 and user == "u9":
                return {"Data": []}
            key = (comm, user)
            ds.serves[key] = ds.serves.get(key, 0) + 1
            serve = ds.serves[key] if not sessions[0]["Finished"] else 1
            data = user_events(comm, user, sessions[0]["JoinTs"], serve)
            if ds.app == 1400000004 and user == "u6":
                data = data[1:]   # only events about a peer
            return {"Data": data}
        if action == "DescribeUnusualEvent":
            room = req.get("RoomId")
            exps = [e for r, lst in ds.unusual.items() if room in (None, r) for e in lst
                    if start <= e["EventTime"] <= end]
            if len(exps) > 20:
                exps = self.rng.sample(exps, 20)   # "up to 20 random" ones
            if ds.app == 1400000006 and room == "6002" and end - start < 1800 and \
                    start == ds.split_refused_from:
                return {"Error": {"Code": "FailedOperation.Split", "Message": "not this half."}}
            if ds.app == 1400000010 and room == "10b":
                return {"Error": {"Code": "AuthFailure.UnauthorizedOperation", "Message": "not this room."}}
            if ds.app == 1400000004 and room == "4003":
                return {"Error": {"Code": "InvalidParameter.RoomId", "Message": "RoomId is not valid."}}
            if ds.app == 1400000004 and room == "4001":
                return {"Total": 0, "AbnormalExperienceList": "none"}
            return {"Total": len(exps), "AbnormalExperienceList": exps}
        return {"Error": {"Code": "InvalidAction", "Message": "no such action"}}


def make_handler(mock):
    args = mock.args

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def send_raw(self, status, content_type, data):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def send_json(self, status, obj):
            self.send_raw(status, "application/json", json.dumps({"Response": obj}).encode())

        def do_GET(self):
            self.send_json(400, {"Error": {"Code": "UnsupportedProtocol", "Message": "POST only"}})

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n)
            now = time.time()
            with mock.lock:
                mock.seq += 1
                seq = mock.seq
                mock.times = [t for t in mock.times if now - t < 1.0] + [now]
                in_last_second = len(mock.times)
                fault = mock.faults.get(seq)
                headers = {k: v for k, v in self.headers.items()}
                lower = {k.lower(): v for k, v in headers.items()}
                action = headers.get("X-TC-Action", "")
                entry = {"seq": seq, "t": now, "action": action, "problems": [],
                         "region": headers.get("X-TC-Region"), "outcome": None}
                problems = entry["problems"]
                raw = self.requestline.encode() + b"\n" + \
                    "".join("%s: %s\n" % kv for kv in headers.items()).encode() + body
                if args.secret_key.encode() in raw:
                    problems.append("the secret key is in the request")
                if self.path != "/":
                    problems.append("path %s" % self.path)
                if lower.get("content-type") != "application/json":
                    problems.append("Content-Type %r" % lower.get("content-type"))
                if headers.get("X-TC-Version") != "2019-07-22":
                    problems.append("X-TC-Version %r" % headers.get("X-TC-Version"))
                if headers.get("X-TC-Region") not in REGIONS:
                    problems.append("X-TC-Region %r" % headers.get("X-TC-Region"))
                if in_last_second >= 20:
                    problems.append("rate: %d requests within one second" % in_last_second)
                ok, code, message, sig_problems = sign_check(
                    lower_to_names(headers), body, args.secret_id, args.secret_key, args.token,
                    args.clock_skew)
                problems.extend(sig_problems)
                entry["sig_ok"] = ok
                try:
                    req = json.loads(body)
                    entry["body"] = req
                except ValueError:
                    req = None
                    problems.append("the body is not JSON")
                if fault == "drop":
                    entry["outcome"] = "dropped"
                    mock.record(entry)
                    self.close_connection = True
                    try:
                        self.connection.shutdown(2)
                    except OSError:
                        pass
                    return
                if fault in ("http502json", "http429json"):
                    entry["outcome"] = fault
                    mock.record(entry)
                    self.send_json(502 if fault == "http502json" else 429, {"RequestId": "gateway"})
                    return
                if fault == "http429html":
                    entry["outcome"] = fault
                    mock.record(entry)
                    self.send_raw(429, "text/html",
                                  b"<html><body>429 Too Many Requests</body></html>")
                    return
                if fault == "notobject":
                    entry["outcome"] = fault
                    mock.record(entry)
                    self.send_raw(200, "application/json",
                                  b'{"Response": [], "RequestId": "x"}')
                    return
                if fault == "huge":
                    entry["outcome"] = fault
                    mock.record(entry)
                    chunk = b" " * (1 << 20)
                    self.close_connection = True
                    try:
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(257 * len(chunk)))
                        self.end_headers()
                        for _ in range(257):
                            self.wfile.write(chunk)
                    except OSError:
                        pass
                    return
                if fault == "http503":
                    entry["outcome"] = "http503"
                    mock.record(entry)
                    self.send_raw(503, "text/html",
                                  b"<html><body>503 Service Unavailable</body></html>")
                    return
                request_id = str(uuid.UUID(int=mock.rng.getrandbits(128)))
                if not ok:
                    resp = {"Error": {"Code": code, "Message": message}}
                elif fault == "internal":
                    resp = {"Error": {"Code": "InternalError.DbError", "Message": "try again."}}
                elif fault == "throttle" or in_last_second >= 20:
                    resp = {"Error": {"Code": "RequestLimitExceeded",
                                      "Message": "Your current request times equals to `20` in a second"}}
                elif action not in FIELDS:
                    problems.append("unknown action %r" % action)
                    resp = {"Error": {"Code": "InvalidAction", "Message": "no such action"}}
                elif req is None or not isinstance(req, dict):
                    resp = {"Error": {"Code": "InvalidParameter", "Message": "not JSON"}}
                else:
                    field_problems = check_fields(action, req, now)
                    problems.extend(field_problems)
                    if field_problems:
                        resp = {"Error": {"Code": "InvalidParameter",
                                          "Message": "; ".join(field_problems)}}
                    else:
                        resp = mock.answer(action, req, problems)
                if resp == "BARE_ERROR":
                    entry["outcome"] = resp
                    mock.record(entry)
                    self.send_raw(200, "application/json",
                                  b'{"Response": {"Error": {}}}')
                    return
                if resp == "STATUS400":
                    entry["outcome"] = resp
                    mock.record(entry)
                    self.send_json(400, {"RequestId": request_id})
                    return
                if resp in ("RAW", "NO_RESPONSE"):
                    entry["outcome"] = resp
                    mock.record(entry)
                    self.send_raw(200, "text/html" if resp == "RAW" else "application/json",
                                  b"<html>oops</html>" if resp == "RAW" else b'{"Result": {}}')
                    return
                resp["RequestId"] = request_id
                if fault == "big" and "Error" not in resp:
                    resp["Padding"] = "x" * 200000
                entry["outcome"] = resp["Error"]["Code"] if "Error" in resp else "ok"
                entry["request_id"] = request_id
                if "AbnormalExperienceList" in resp:
                    entry["results"] = len(resp["AbnormalExperienceList"])
                mock.record(entry)
            self.send_json(200, resp)

    return Handler


def lower_to_names(headers):
    """Header values by lowercased name (what is signed)."""
    out = {}
    for k, v in headers.items():
        out[k.lower()] = v
    out["X-TC-Timestamp"] = out.get("x-tc-timestamp", "")
    out["X-TC-Token"] = out.get("x-tc-token")
    out["Authorization"] = out.get("authorization", "")
    return out


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--expect")
    p.add_argument("--secret-id", required=True)
    p.add_argument("--secret-key", required=True)
    p.add_argument("--token")
    p.add_argument("--base", type=int, required=True)
    p.add_argument("--now", type=int, required=True)
    p.add_argument("--faults")
    p.add_argument("--clock-skew", type=int, default=0)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    args = p.parse_args()
    mock = Mock(args)
    if args.expect:
        with open(args.expect, "w", encoding="utf-8") as f:
            json.dump({app: ds.expect() for app, ds in mock.data.items()}, f, indent=1, sort_keys=True)
    server = Server(("127.0.0.1", 0), make_handler(mock))
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
