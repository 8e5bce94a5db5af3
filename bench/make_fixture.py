#!/usr/bin/env python3
"""Writes a GOPROXY directory tree with one module version for the benchmark upstream.

Usage: make_fixture.py ROOT MODULE VERSION ZIP_KIB
The zip holds go.mod, a Go file and a payload file of ZIP_KIB KiB of incompressible bytes.
"""
import io
import json
import os
import random
import sys
import zipfile


def main():
    root, module, version, kib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    escaped = "".join("!" + c.lower() if c.isupper() else c for c in module)
    base = os.path.join(root, escaped, "@v")
    os.makedirs(base, exist_ok=True)
    gomod = f"module {module}\n\ngo 1.21\n\nrequire example.com/dep v1.2.3\n".encode()
    rnd = random.Random(42)
    payload = bytes(rnd.getrandbits(8) for _ in range(kib * 1024))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        prefix = f"{module}@{version}/"
        z.writestr(prefix + "go.mod", gomod)
        z.writestr(prefix + "bench.go", b"package bench\n\nfunc Hello() string { return \"hi\" }\n")
        z.writestr(prefix + "payload.bin", payload)
    with open(os.path.join(base, version + ".zip"), "wb") as f:
        f.write(buf.getvalue())
    with open(os.path.join(base, version + ".mod"), "wb") as f:
        f.write(gomod)
    with open(os.path.join(base, version + ".info"), "w") as f:
        json.dump({"Version": version, "Time": "2024-05-01T10:00:00Z"}, f, separators=(",", ":"))
    with open(os.path.join(base, "list"), "w") as f:
        f.write(version + "\n")


if __name__ == "__main__":
    main()
