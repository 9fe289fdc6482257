#!/usr/bin/env python3
"""Benchmark of `pftls inspect` (issue: certificate engine).

Side by side in one run:
  1. pftls inspect on an encrypted key, a leaf and an intermediate, against the
     equivalent openssl CLI sequence (x509 dates and SAN, key match via
     pkey/x509 -pubkey, verify, -checkhost, -checkend). Target: median ratio <= 0.25.
  2. A ~1 MiB bundle of about 500 certificates is inspected in under 200 ms.
  3. Peak RSS of pftls stays at 30 MiB or less.

Usage: python3 Benchmarks/inspect.py [--runs N]   (builds pftls in release mode first)
Fixtures are generated with the openssl command in .build/bench-inspect (0700).
"""
import argparse, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, ".build", "bench-inspect")
HOST = "mail.example.test"


def sh(*args, **kw):
    subprocess.run(args, check=True, cwd=WORK, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def timed(argv):
    """Runs argv; returns (seconds, peak RSS in KiB, exit status) of that child alone."""
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def make_fixtures():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK, mode=0o700)
    with open(os.path.join(WORK, "ext.cnf"), "w") as f:
        f.write("[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n"
                "[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n"
                f"subjectAltName=DNS:{HOST}\n"
                "[filler]\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
                "subjectAltName=" + ",".join(f"DNS:host-{i:02d}.filler.example.test" for i in range(19)) + "\n")
    with open(os.path.join(WORK, "pass.txt"), "w") as f:
        f.write("benchmark passphrase\n")
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem",
       "-subj", "/CN=Bench Root", "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE")
    sh("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "inter.key", "-out", "inter.csr", "-subj", "/CN=Bench Intermediate")
    sh("openssl", "x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial",
       "-out", "inter.pem", "-days", "1825", "-extfile", "ext.cnf", "-extensions", "ca")
    sh("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", f"/CN={HOST}")
    sh("openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-CAcreateserial",
       "-out", "leaf.pem", "-days", "90", "-extfile", "ext.cnf", "-extensions", "leaf")
    sh("openssl", "pkey", "-in", "leaf.key", "-aes256", "-passout", "file:pass.txt", "-out", "leaf.enc.key")
    # The bundle: leaf, intermediate, then filler certificates with 4096-bit keys,
    # up to about 500 certificates and at most 1 MiB.
    sh("openssl", "req", "-new", "-newkey", "rsa:4096", "-nodes", "-keyout", "big.key", "-out", "big.csr", "-subj", "/CN=filler")
    parts = [open(os.path.join(WORK, n)).read() for n in ("leaf.pem", "inter.pem")]
    size = sum(len(p) for p in parts)
    while len(parts) < 500:
        subprocess.run(["openssl", "x509", "-req", "-in", "big.csr", "-CA", "inter.pem", "-CAkey", "inter.key",
                        "-set_serial", str(1000 + len(parts)), "-out", "filler.pem", "-days", "90",
                        "-extfile", "ext.cnf", "-extensions", "filler",
                        "-subj", f"/CN=filler-{len(parts)}.example.test"], check=True, cwd=WORK,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pem = open(os.path.join(WORK, "filler.pem")).read()
        if size + len(pem) > (1 << 20):
            break
        parts.append(pem)
        size += len(pem)
    with open(os.path.join(WORK, "bundle.pem"), "w") as f:
        f.write("".join(parts))
    return len(parts), size


def openssl_sequence():
    """The openssl commands an administrator would run for the same checks."""
    return [
        ["openssl", "x509", "-in", "leaf.pem", "-noout", "-dates", "-ext", "subjectAltName"],
        ["openssl", "pkey", "-in", "leaf.enc.key", "-passin", "file:pass.txt", "-pubout", "-out", "key.pub"],
        ["openssl", "x509", "-in", "leaf.pem", "-noout", "-pubkey", "-out", "cert.pub"],
        ["cmp", "-s", "key.pub", "cert.pub"],
        ["openssl", "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem"],
        ["openssl", "x509", "-in", "leaf.pem", "-noout", "-checkhost", HOST],
        ["openssl", "x509", "-in", "leaf.pem", "-noout", "-checkend", "2592000"],
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    runs = parser.parse_args().runs
    subprocess.run(["swift", "build", "-c", "release", "--product", "pftls"], cwd=ROOT, check=True)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip() + "/pftls"
    count, size = make_fixtures()
    os.chdir(WORK)
    inspect = [binary, "inspect", "--hostname", HOST, "--passphrase-file", "pass.txt", "leaf.enc.key", "leaf.pem", "inter.pem"]
    bundle = [binary, "inspect", "--hostname", HOST, "leaf.key", "bundle.pem"]
    for argv in (inspect, bundle):  # warm the page cache, and check they work
        _, _, code = timed(argv)
        if code not in (0, 1):
            sys.exit(f"pftls failed ({code}): {' '.join(argv)}")

    ratios, pftls_times, openssl_times, bundle_times, peak = [], [], [], [], 0
    for _ in range(runs):
        t_pftls, rss, _ = timed(inspect)
        peak = max(peak, rss)
        t_openssl = sum(timed(step)[0] for step in openssl_sequence())
        t_bundle, rss, _ = timed(bundle)
        peak = max(peak, rss)
        pftls_times.append(t_pftls)
        openssl_times.append(t_openssl)
        bundle_times.append(t_bundle)
        ratios.append(t_pftls / t_openssl)

    ratio = statistics.median(ratios)
    bundle_ms = statistics.median(bundle_times) * 1000
    peak_mib = peak / 1024
    checks = [
        ("pftls inspect (encrypted key + leaf + intermediate), median", f"{statistics.median(pftls_times) * 1000:.1f} ms", None),
        ("openssl CLI sequence (7 commands), median", f"{statistics.median(openssl_times) * 1000:.1f} ms", None),
        ("median ratio pftls / openssl (target <= 0.25)", f"{ratio:.3f}", ratio <= 0.25),
        (f"bundle of {count} certificates, {size} bytes, median (target < 200 ms)", f"{bundle_ms:.1f} ms", bundle_ms < 200),
        ("peak RSS of pftls (target <= 30 MiB)", f"{peak_mib:.1f} MiB", peak_mib <= 30),
    ]
    print(f"\nruns: {runs}")
    for name, value, ok in checks:
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        print(f"  {name:<75} {value:>10}  {verdict}")
    sys.exit(0 if all(ok is not False for _, _, ok in checks) else 1)


if __name__ == "__main__":
    main()
