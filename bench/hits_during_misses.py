#!/usr/bin/env python3
"""Parts of bench/hits-during-misses.sh: a slow loopback upstream, a hit prober and a miss load.

  upstream PORT MODULES VERSIONS ZIP_KIB DELAY_MS
      A GOPROXY server for MODULES x VERSIONS module versions (example.com/hdm/mNNN, v1.0.0 ...),
      built on demand and kept in memory, answering every request after DELAY_MS (the WAN).
  paths MODULES VERSIONS FIRST COUNT
      Prints the .info/.mod/.zip paths of COUNT versions, starting at version number FIRST
      (module-major order), one per line.
  fetch BASE PATHS_FILE CONCURRENCY [EXPECT]
      GETs every path with CONCURRENCY workers; with EXPECT, fails unless X-Cache is EXPECT.
  probe BASE PATHS_FILE SECONDS|@STOPFILE THREADS OUT_JSON
      Asks for the (warm) paths in a loop, a new connection per request (as each go command
      opens its own), for SECONDS or until STOPFILE exists; records the time to the first byte of
      each answer and whether it was a HIT, and writes them to OUT_JSON.
  stats LABEL IDLE_JSON BUSY_JSON [CONTROL_IDLE_JSON CONTROL_BUSY_JSON]
      Prints count, p50, p99, max and the number over 100 ms of each, p99 busy/idle, and with a
      control (the same probe at the same time against another process that serves no misses),
      how much of the change the machine's load alone explains.
"""
import hashlib
import http.client
import io
import json
import os
import random
import socket
import sys
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def module_name(m):
    return f"example.com/hdm/m{m:03d}"


def version_name(v):
    return f"v1.0.{v}"


def all_versions(modules, versions):
    return [(m, v) for m in range(modules) for v in range(versions)]


class Corpus:
    def __init__(self, modules, versions, zip_kib):
        self.modules, self.versions, self.zip_kib = modules, versions, zip_kib
        self.lock = threading.Lock()
        self.zips = {}

    def gomod(self, m):
        return f"module {module_name(m)}\n\ngo 1.21\n".encode()

    def zip(self, m, v):
        key = (m, v)
        with self.lock:
            if key in self.zips:
                return self.zips[key]
        mod, ver = module_name(m), version_name(v)
        rnd = random.Random(hashlib.sha256(f"{mod}@{ver}".encode()).digest())
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            prefix = f"{mod}@{ver}/"
            z.writestr(prefix + "go.mod", self.gomod(m))
            z.writestr(prefix + "hdm.go", b"package hdm\n\nfunc Hello() string { return \"hi\" }\n")
            z.writestr(prefix + "payload.bin", rnd.randbytes(self.zip_kib * 1024))
        data = buf.getvalue()
        with self.lock:
            self.zips[key] = data
        return data

    def answer(self, path):
        """(status, content type, body) of a GOPROXY path."""
        for m in range(self.modules):
            prefix = "/" + module_name(m) + "/@v/"
            if not path.startswith(prefix):
                continue
            rest = path[len(prefix):]
            if rest == "list":
                return 200, "text/plain", "".join(version_name(v) + "\n" for v in range(self.versions)).encode()
            name, _, ext = rest.rpartition(".")
            if not name.startswith("v1.0.") or not name[5:].isdigit() or int(name[5:]) >= self.versions:
                break
            v = int(name[5:])
            if ext == "info":
                body = json.dumps({"Version": name, "Time": "2024-05-01T10:00:00Z"}).encode()
                return 200, "application/json", body
            if ext == "mod":
                return 200, "text/plain", self.gomod(m)
            if ext == "zip":
                return 200, "application/zip", self.zip(m, v)
            break
        return 404, "text/plain", b"not found\n"


def upstream(port, modules, versions, zip_kib, delay_ms):
    corpus = Corpus(modules, versions, zip_kib)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            time.sleep(delay_ms / 1000.0)
            status, ctype, body = corpus.answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 1024

    Server(("127.0.0.1", port), Handler).serve_forever()


def paths(modules, versions, first, count):
    chosen = all_versions(modules, versions)[first:first + count]
    for m, v in chosen:
        for ext in ("info", "mod", "zip"):
            print(f"/{module_name(m)}/@v/{version_name(v)}.{ext}")


def split_base(base):
    host, _, port = base.replace("http://", "").rstrip("/").partition(":")
    return host, int(port)


def get(host, port, path, timeout=120):
    """(status, x-cache, seconds to the first byte, seconds to connect) of one GET on a new connection."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.connect()
        connected = time.perf_counter() - start
        conn.request("GET", path, headers={"Connection": "close"})
        response = conn.getresponse()
        first = time.perf_counter() - start
        response.read()
        return response.status, response.getheader("X-Cache"), first, connected
    finally:
        conn.close()


def fetch(base, paths_file, concurrency, expect=None):
    host, port = split_base(base)
    with open(paths_file) as f:
        todo = [line.strip() for line in f if line.strip()]
    failures = []

    def one(path):
        status, cache, _, _ = get(host, port, path)
        if status != 200 or (expect and cache != expect):
            failures.append(f"{path}: {status} {cache}")

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, todo))
    if failures:
        sys.exit(f"{len(failures)} of {len(todo)} failed, e.g. {failures[:3]}")


def probe(base, paths_file, until, threads, out):
    host, port = split_base(base)
    with open(paths_file) as f:
        todo = [line.strip() for line in f if line.strip()]
    deadline = None if until.startswith("@") else time.monotonic() + float(until)
    stop_file = until[1:] if until.startswith("@") else None
    samples, slow, errors = [], [], []
    lock = threading.Lock()

    def done():
        return os.path.exists(stop_file) if stop_file else time.monotonic() >= deadline

    def worker(offset):
        i = offset
        while not done():
            path = todo[i % len(todo)]
            i += threads
            try:
                started = time.time()
                status, cache, first, connected = get(host, port, path, timeout=30)
                with lock:
                    if status == 200 and cache == "HIT":
                        samples.append(first)
                        if first > 0.1:
                            slow.append({"at": started, "ttfb_ms": first * 1000, "connect_ms": connected * 1000,
                                         "path": path})
                    else:
                        errors.append(f"{path}: {status} {cache}")
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    errors.append(f"{path}: {e}")

    workers = [threading.Thread(target=worker, args=(k * 7,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    with open(out, "w") as f:
        json.dump({"ttfb": samples, "slow": slow, "errors": errors}, f)


def summary(samples):
    s = sorted(samples)
    if not s:
        return None
    pick = lambda q: s[min(len(s) - 1, int(q * len(s)))]
    return {"n": len(s), "p50": pick(0.50) * 1000, "p99": pick(0.99) * 1000, "max": s[-1] * 1000,
            "over100": sum(1 for x in s if x > 0.1)}


def stats(label, idle_file, busy_file, control_idle=None, control_busy=None):
    phases = [("idle", idle_file), ("during misses", busy_file)]
    if control_idle:
        phases += [("control idle", control_idle), ("control busy", control_busy)]
    rows = {}
    for name, file in phases:
        with open(file) as f:
            data = json.load(f)
        rows[name] = (summary(data["ttfb"]), len(data["errors"]), data["errors"][:3])
    print(f"{label}: warm-hit time to first byte (ms)")
    print(f"  {'phase':<14} {'hits':>6} {'p50':>8} {'p99':>8} {'max':>8} {'>100ms':>7} {'errors':>6}")
    for name, (s, nerr, _) in rows.items():
        print(f"  {name:<14} {s['n']:>6} {s['p50']:>8.2f} {s['p99']:>8.2f} {s['max']:>8.1f} {s['over100']:>7} {nerr:>6}")
    p99 = {name: row[0]["p99"] for name, row in rows.items()}
    print(f"  p99 during misses / p99 idle = {p99['during misses'] / p99['idle']:.2f}")
    if control_idle:
        print(f"  control (another mirror process, no misses) p99 busy / p99 idle = "
              f"{p99['control busy'] / p99['control idle']:.2f}; "
              f"p99 during misses / control p99 at the same time = {p99['during misses'] / p99['control busy']:.2f}")
    for name, (_, nerr, sample) in rows.items():
        if nerr:
            print(f"  {name} errors, e.g.: {sample}")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "upstream":
        upstream(int(args[0]), int(args[1]), int(args[2]), int(args[3]), int(args[4]))
    elif cmd == "paths":
        paths(int(args[0]), int(args[1]), int(args[2]), int(args[3]))
    elif cmd == "fetch":
        fetch(args[0], args[1], int(args[2]), args[3] if len(args) > 3 else None)
    elif cmd == "probe":
        probe(args[0], args[1], args[2], int(args[3]), args[4])
    elif cmd == "stats":
        stats(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    socket.setdefaulttimeout(120)
    main()
