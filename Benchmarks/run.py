#!/usr/bin/env python3
"""Every performance figure of the README, measured in one interleaved run.

Each figure times the command as a user runs it (a whole process, started with
posix_spawn and reaped with wait4) against what the user would run instead, the two
alternating run by run, and reports medians, the spread (25th to 75th percentile) and
the ratio of the medians:

  inspect      pftls inspect, with and without --hostname, vs the openssl sequence
  bundles      4 files of 10 to 10,000 certificates vs openssl crl2pkcs7 | pkcs7
  config       apply --dry-run vs postconf -n: on each real-world pair of the corpus
               (Tests/PftlsCLITests/Corpus), on a 5k/50k/500k-line main.cf (and how the
               time per line grows), and on a main.cf with 20,000 unknown parameters
  check        pftls check vs three openssl s_client calls
  apply        pftls apply end to end vs the manual sequence (cp, postconf, check, reload, s_client)
  sni          check --no-probe on a hosting provider's SNI map (hash:, postmap -F) of 100, 1,000
               and 10,000 entries (Benchmarks/sni_fixture.py; cached under WORK), how the time
               per entry grows, peak RSS; renew --sni of one entry vs postmap -F of the
               10,000-entry map ("not available" while renew refuses --sni)
  renewals     120 renewals in a row of a running throwaway Postfix (renew with its defaults:
               the canary and the probes of three listeners): the median and the slowest
               renewal (each under 2 s), the backups left (10 sets, 3 key copies) and their
               disk use (flat once the limits are reached)
  wizard       first frame of pftls demo vs dialog --menu and whiptail --menu,
               bytes per arrow key, idle wake-ups per second

Usage (as root, on Debian 12 with the Swift toolchain):
    python3 Benchmarks/run.py [--runs N] [--only inspect,config,...] [--markdown]
It builds pftls in release mode, installs what it needs (openssl, postfix, dialog,
whiptail, time, dnsmasq) and starts a throwaway Postfix on loopback ports for check and
apply. pftls' DNS checks ask a dnsmasq on loopback (`start_local_resolver`).
Exit status 1 when a figure misses its target.
"""
import argparse, atexit, collections, json, os, platform, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import sni_fixture  # noqa: E402 (after the line above)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = "/var/tmp/pftls-bench"
HOST = "mail.example.test"
PTYRUN = os.path.join(ROOT, "Benchmarks", "ptyrun.py")
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")


# ---------------------------------------------------------------- measuring

def spawn(argv, stdin=None, stdout=None, cwd=None, env=None):
    actions = [(os.POSIX_SPAWN_OPEN, 0, stdin or os.devnull, os.O_RDONLY, 0)] if not isinstance(stdin, int) else [(os.POSIX_SPAWN_DUP2, stdin, 0)]
    actions.append((os.POSIX_SPAWN_DUP2, stdout, 1) if isinstance(stdout, int) else (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0))
    actions.append((os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0))
    here = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return os.posix_spawnp(argv[0], argv, env or ENV, file_actions=actions)
    finally:
        os.chdir(here)


def timed(argv, cwd=None, env=None):
    """One process: (seconds, exit status)."""
    start = time.perf_counter()
    pid = spawn(argv, cwd=cwd, env=env)
    _, status, _ = os.wait4(pid, 0)
    return time.perf_counter() - start, os.waitstatus_to_exitcode(status)


def peak_rss(argv, cwd=None, env=None, runs=2):
    """The largest peak RSS, in KiB, of `runs` runs of one process, as /usr/bin/time
    reports it. Not from this script's wait4: a child started with posix_spawn (or fork)
    shares this script's memory until it execs, and Linux keeps that memory's peak in the
    child's ru_maxrss, so every figure would be at least the script's own size (about
    100 MiB once the 500,000-line main.cf is generated)."""
    with tempfile.NamedTemporaryFile(mode="r") as report:
        peak = 0
        for _ in range(runs):
            _, status = timed(["/usr/bin/time", "-f", "%M", "-o", report.name] + argv, cwd=cwd, env=env)
            if status in (126, 127):
                raise RuntimeError(f"cannot run {argv[0]} under /usr/bin/time (exit {status})")
            report.seek(0)
            peak = max(peak, int(report.read().split()[-1]))
        return peak


def timed_sequence(steps, cwd=None):
    """Commands one after another, as a shell script would run them; a step that is a
    list of commands is a pipeline."""
    start = time.perf_counter()
    for step in steps:
        if isinstance(step[0], list):
            read, write = os.pipe()
            first = spawn(step[0], stdout=write, cwd=cwd)
            os.close(write)
            second = spawn(step[1], stdin=read, cwd=cwd)
            os.close(read)
            os.waitpid(first, 0)
            os.waitpid(second, 0)
        else:
            os.waitpid(spawn(step, cwd=cwd), 0)
    return time.perf_counter() - start


def summary(values, scale=1000.0):
    values = sorted(values)
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return statistics.median(values) * scale, q[0] * scale, q[2] * scale


class Table:
    def __init__(self):
        self.rows = []

    def add(self, figure, pftls, other, ratio=None, target=None, ok=None):
        self.rows.append((figure, pftls, other, ratio, target, ok))
        # Each figure as soon as it is measured, on standard error: a long run shows progress.
        print(f"  {figure}: {pftls} vs {other or '-'} {ratio or ''} {target or ''} {'' if ok is None else ('pass' if ok else 'MISS')}",
              file=sys.stderr, flush=True)

    def pair(self, figure, mine, theirs, target):
        m, ml, mh = summary(mine)
        t, tl, th = summary(theirs)
        ratio = m / t
        self.add(figure, f"{m:.1f} ms ({ml:.1f}-{mh:.1f})", f"{t:.1f} ms ({tl:.1f}-{th:.1f})", f"{ratio:.2f}",
                 f"<= {target}" if target else "", None if target is None else ratio <= target)

    def render(self, markdown):
        header = ("figure", "pftls, median (IQR)", "alternative, median (IQR)", "ratio", "target", "")
        rows = [header] + [(f, p, o, r or "", t or "", "" if ok is None else ("pass" if ok else "MISS")) for f, p, o, r, t, ok in self.rows]
        if markdown:
            lines = ["| " + " | ".join(row) + " |" for row in rows]
            lines.insert(1, "| " + " | ".join("---" for _ in header) + " |")
            return "\n".join(lines)
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows)

    @property
    def missed(self):
        return [row[0] for row in self.rows if row[5] is False]


def interleave(runs, *commands):
    """Runs the commands alternately `runs` times (the order flips each run); their times."""
    times = [[] for _ in commands]
    for run in range(runs):
        order = list(range(len(commands)))
        if run % 2:
            order.reverse()
        for index in order:
            times[index].append(commands[index]())
    return times


# ---------------------------------------------------------------- set-up

def sh(*argv, cwd=WORK, input=None):
    subprocess.run(argv, check=True, cwd=cwd, input=input, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)


def install_tools():
    needed = {"openssl": "openssl", "postconf": "postfix", "dialog": "dialog", "whiptail": "whiptail", "time": "time", "dnsmasq": "dnsmasq-base"}
    missing = [package for tool, package in needed.items()
               if not any(os.path.exists(directory + tool) for directory in ("/usr/bin/", "/usr/sbin/", "/bin/"))]
    if missing:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing, check=True,
                       env=dict(ENV, DEBIAN_FRONTEND="noninteractive"), stdout=subprocess.DEVNULL)


def start_local_resolver():
    """dnsmasq on a free loopback port, every name local (nothing forwarded: unknown names
    are NXDOMAIN), made the resolver of every pftls command here through PFTLS_RESOLVER.
    A mail server that checks DANE runs a resolver of its own, as Postfix's documentation
    asks; the resolver of a build machine may not answer every query (seen here: about 4 %
    of them lost, which made every second dry run wait for a retry), and that is the
    network's time, not pftls'. dnsmasq runs as nobody and ends with this script (also when
    it is stopped with SIGTERM)."""
    directory = tempfile.mkdtemp(prefix="pftls-bench-dns-", dir="/var/tmp")
    with open(os.path.join(directory, "dnsmasq.conf"), "w") as f:
        f.write("local=/#/\nlocal-ttl=300\n")
    shutil.chown(directory, "nobody")
    os.chmod(directory, 0o755)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    for port in free_ports(5):
        server = subprocess.Popen(["dnsmasq", "--keep-in-foreground", f"--conf-file={directory}/dnsmasq.conf", "--no-resolv", "--no-hosts",
                                   "--no-poll", f"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces",
                                   f"--pid-file={directory}/pid", f"--log-facility={directory}/log"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(50):
            if server.poll() is not None or port_answers(port):
                break
            time.sleep(0.1)
        if server.poll() is None and port_answers(port):
            atexit.register(lambda: (server.terminate(), server.wait(), shutil.rmtree(directory, ignore_errors=True)))
            ENV["PFTLS_RESOLVER"] = f"127.0.0.1:{port}"
            return
        server.kill()
        said = server.communicate()[1].strip()
    shutil.rmtree(directory, ignore_errors=True)
    raise RuntimeError(f"dnsmasq did not start on loopback: {said}")


def port_answers(port):
    """True when a DNS server on 127.0.0.1:`port` answers a query (for ready.probe.test, A)."""
    query = bytes([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5]) + b"ready" + bytes([5]) + b"probe" + bytes([4]) + b"test" + bytes([0, 0, 1, 0, 1])
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.settimeout(0.2)
        try:
            probe.sendto(query, ("127.0.0.1", port))
            return probe.recv(512)[:2] == query[:2]
        except OSError:
            return False


def build():
    """The binary the .deb ships: release, the Swift runtime linked in (Scripts/package)."""
    flags = ["-c", "release", "--static-swift-stdlib", "--disable-local-rpath"]
    subprocess.run(["swift", "build"] + flags + ["--product", "pftls"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return subprocess.run(["swift", "build"] + flags + ["--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip() + "/pftls"


def make_pki():
    # 0755: Postfix's own user must reach the throwaway queues below it; keys are 0600.
    os.makedirs(WORK, mode=0o755, exist_ok=True)
    os.chmod(WORK, 0o755)
    if os.path.exists(os.path.join(WORK, "leaf-b.pem")):
        return
    with open(os.path.join(WORK, "ext.cnf"), "w") as f:
        f.write("[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n"
                "[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                f"extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\nsubjectAltName=DNS:{HOST}\n")
    with open(os.path.join(WORK, "pass.txt"), "w") as f:
        f.write("benchmark passphrase\n")
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem",
       "-subj", "/CN=Bench Root", "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE")
    sh("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "inter.key", "-out", "inter.csr", "-subj", "/CN=Bench Intermediate")
    sh("openssl", "x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "2",
       "-out", "inter.pem", "-days", "1825", "-extfile", "ext.cnf", "-extensions", "ca")
    for name in ("leaf", "leaf-a", "leaf-b"):
        sh("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", f"/CN={HOST}")
        sh("openssl", "x509", "-req", "-in", name + ".csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-CAcreateserial",
           "-out", name + ".pem", "-days", "90", "-extfile", "ext.cnf", "-extensions", "leaf")
    sh("openssl", "pkey", "-in", "leaf.key", "-aes256", "-passout", "file:pass.txt", "-out", "leaf.enc.key")


def make_bundles(sizes):
    """Four files holding `size` distinct certificates in all, for each size."""
    directory = os.path.join(WORK, "bundles")
    os.makedirs(directory, exist_ok=True)
    pool = os.path.join(directory, "pool.pem")
    need = max(sizes)
    have = open(pool).read().count("BEGIN CERT") if os.path.exists(pool) else 0
    if have < need:
        sh("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "bundles/filler.key",
           "-out", "bundles/filler.csr", "-subj", "/CN=filler")
        with open(pool, "a") as out:
            for serial in range(have, need):
                pem = subprocess.run(["openssl", "x509", "-req", "-in", "bundles/filler.csr", "-CA", "inter.pem", "-CAkey", "inter.key",
                                      "-set_serial", str(10000 + serial), "-days", "90", "-subj", f"/CN=filler-{serial}.example.test"],
                                     cwd=WORK, check=True, capture_output=True, text=True, env=ENV).stdout
                out.write(pem)
    certificates = open(pool).read().split("-----END CERTIFICATE-----\n")
    files = {}
    for size in sizes:
        paths = []
        for part in range(4):
            path = os.path.join(directory, f"{size}-{part}.pem")
            chunk = certificates[part * size // 4:(part + 1) * size // 4]
            with open(path, "w") as f:
                f.write("".join(c + "-----END CERTIFICATE-----\n" for c in chunk))
            paths.append(path)
        files[size] = paths
    return files


DEBIAN_HEAD = open(os.path.join(ROOT, "Resources", "debian12", "main.cf")).read()


def main_cf(lines):
    """Debian's main.cf, then what makes real files long: commented blocks and long
    lists continued over many lines (networks, client access), with comments among them."""
    result = DEBIAN_HEAD.rstrip("\n").split("\n")
    result = [line for line in result if not line.startswith("mynetworks")]
    result.append("mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128,")
    n = 0
    while len(result) < lines - 1:
        group = [f"    # site {n}: see http://www.postfix.org/postconf.5.html#mynetworks",
                 f"    198.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}/32,",
                 f"    [2001:db8:{n % 65536:x}::]/48,", ""]
        result += group[:lines - 1 - len(result)]
        n += 1
    result.append("    192.0.2.0/24")
    return "\n".join(result) + "\n"


class ThrowawayPostfix:
    """A Postfix instance of its own on three loopback ports, as the tests start one.
    Without `master`, Debian's master.cf with smtp on the first port and TLS off; with
    `main` and `master` from a corpus pair, as CorpusInstance installs one (tests)."""

    def __init__(self, name, main=None, master=None):
        self.root = os.path.join(WORK, name)
        shutil.rmtree(self.root, ignore_errors=True)
        for sub in ("conf", "queue", "data", "tls"):
            os.makedirs(os.path.join(self.root, sub))
        os.chmod(self.root, 0o755)
        shutil.chown(os.path.join(self.root, "data"), "postfix")
        self.conf = os.path.join(self.root, "conf")
        if master is None:
            self.ports = free_ports(3)
            master = open(os.path.join(ROOT, "Resources", "debian12", "master.cf")).read()
            master = master.replace("\nsmtp      inet", f"\n127.0.0.1:{self.ports[0]} inet")
            own = True
        else:
            master, self.ports = listeners_on_loopback(master)
            own = False
        with open(os.path.join(self.conf, "main.cf"), "w") as f:
            f.write(main or DEBIAN_HEAD)
        with open(os.path.join(self.conf, "master.cf"), "w") as f:
            f.write(master)
        if not own:
            self.adapt_corpus_pair()
        self.postconf("-e", f"queue_directory={self.root}/queue", f"data_directory={self.root}/data",
                      f"maillog_file={self.root}/maillog", f"maillog_file_prefixes={self.root}",
                      "inet_interfaces=loopback-only", "inet_protocols=ipv4", *(["smtpd_tls_security_level=none"] if own else []))
        if own:
            self.postconf("-X", "smtpd_tls_cert_file", "smtpd_tls_key_file")
        backdate(self.conf)

    def adapt_corpus_pair(self):
        """What CorpusInstance changes in a pair written for another host: the directory
        parameters take this Postfix's defaults, the postlog service that maillog_file needs
        is there, and /etc/mailname and Red Hat's certificate directory are this host's."""
        self.postconf("-X", *CORPUS_HOST_PARAMETERS)
        if not subprocess.run(["postconf", "-c", self.conf, "-M", "postlog/unix-dgram"], capture_output=True, text=True, env=ENV).stdout.strip():
            self.postconf("-M", "postlog/unix-dgram=postlog unix-dgram n - n - 1 postlogd")
        with open(os.path.join(self.root, "mailname"), "w") as f:
            f.write(HOST + "\n")
        path = os.path.join(self.conf, "main.cf")
        text = open(path).read().replace("/etc/mailname", os.path.join(self.root, "mailname")).replace("/etc/pki/tls/certs", "/etc/ssl/certs")
        with open(path, "w") as f:
            f.write(text)

    def postconf(self, *args):
        sh("postconf", "-c", self.conf, *args)

    def start(self):
        sh("postfix", "-c", self.conf, "start")

    def stop(self):
        subprocess.run(["postfix", "-c", self.conf, "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def answers(self, leaf):
        path = os.path.join(WORK, f"answers-{os.path.basename(self.root)}-{leaf}.json")
        services = [{"name": "smtp", "listen": f"127.0.0.1:{self.ports[0]}"}, {"name": "submission", "listen": f"127.0.0.1:{self.ports[1]}"},
                    {"name": "submissions", "listen": f"127.0.0.1:{self.ports[2]}"}]
        with open(path, "w") as f:
            json.dump({"certificateDirectory": os.path.join(self.root, "tls"), "privateKey": os.path.join(WORK, leaf + ".key"),
                       "certificate": os.path.join(WORK, leaf + ".pem"), "intermediates": [os.path.join(WORK, "inter.pem")],
                       "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "hostname": HOST, "services": services}, f)
        return path


CORPUS = os.path.join(ROOT, "Tests", "PftlsCLITests", "Corpus", "pairs")
# CorpusInstance.hostParameters: they name another distribution's layout.
CORPUS_HOST_PARAMETERS = ["command_directory", "daemon_directory", "meta_directory", "shlib_directory", "sendmail_path",
                          "newaliases_path", "mailq_path", "manpage_directory", "html_directory", "readme_directory",
                          "sample_directory", "mail_owner", "setgid_group", "import_environment", "multi_instance_directories",
                          "multi_instance_enable", "multi_instance_name", "multi_instance_wrapper", "multi_instance_group",
                          "syslog_name", "maillog_file", "maillog_file_prefixes", "postlog_service_name"]
WELL_KNOWN_PORTS = {"smtp": 25, "submission": 587, "submissions": 465, "smtps": 465, "ssmtp": 465, "urd": 465}


def listeners_on_loopback(master):
    """master.cf with every active inet listener on 127.0.0.1 and a free port; the ports of
    smtp, submission and submissions (new ones where the file has none), as CorpusInstance."""
    lines = master.split("\n")
    inet = [i for i, line in enumerate(lines) if line[:1] not in ("", "#", " ", "\t") and line.split()[1:2] == ["inet"]]
    free = iter(free_ports(len(inet) + 3))
    chosen = {}
    for i in inet:
        name, rest = lines[i].split(None, 1)
        port = next(free)
        lines[i] = f"127.0.0.1:{port} {rest}"
        field = name.rsplit(":", 1)[-1].lower()
        known = int(field) if field.isdigit() else WELL_KNOWN_PORTS.get(field)
        service = {25: 0, 587: 1, 465: 2}.get(known)
        if service is not None and service not in chosen:
            chosen[service] = port
    return "\n".join(lines), [chosen[s] if s in chosen else next(free) for s in range(3)]


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def backdate(conf):
    """Postfix waits before reading a main.cf changed in the last second or two."""
    old = time.time() - 10
    for name in ("main.cf", "master.cf"):
        os.utime(os.path.join(conf, name), (old, old))


# ---------------------------------------------------------------- figures

def inspect_figures(table, pftls, runs):
    make_pki()
    with_host = [pftls, "inspect", "--hostname", HOST, "--passphrase-file", "pass.txt", "leaf.enc.key", "leaf.pem", "inter.pem"]
    without = [pftls, "inspect", "--passphrase-file", "pass.txt", "leaf.enc.key", "leaf.pem", "inter.pem"]
    openssl = [["openssl", "x509", "-in", "leaf.pem", "-noout", "-dates", "-ext", "subjectAltName"],
               ["openssl", "pkey", "-in", "leaf.enc.key", "-passin", "file:pass.txt", "-pubout", "-out", "key.pub"],
               ["openssl", "x509", "-in", "leaf.pem", "-noout", "-pubkey", "-out", "cert.pub"],
               ["cmp", "-s", "key.pub", "cert.pub"],
               ["openssl", "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem"],
               ["openssl", "x509", "-in", "leaf.pem", "-noout", "-checkhost", HOST],
               ["openssl", "x509", "-in", "leaf.pem", "-noout", "-checkend", "2592000"]]
    mine_without, mine_with, theirs = interleave(runs, lambda: timed(without, cwd=WORK)[0], lambda: timed(with_host, cwd=WORK)[0],
                                                 lambda: timed_sequence(openssl, cwd=WORK))
    table.pair("inspect, no --hostname, vs the openssl sequence (7 commands)", mine_without, theirs, 0.25)
    table.pair("inspect, with --hostname, vs the openssl sequence", mine_with, theirs, 0.15)
    peak = max(peak_rss(without, cwd=WORK), peak_rss(with_host, cwd=WORK))
    table.add("peak RSS, inspect", f"{peak / 1024:.1f} MiB", "", "", "<= 25 MiB", peak / 1024 <= 25)


def bundle_figures(table, pftls, runs):
    """Files of certificates (none of them a chain of the others, as in a CA bundle).
    pftls reads at most 250 per file and 500 in all, 1 MiB per file and 4 MiB in all
    (issue 9); beyond, it refuses, and the figure is how fast it refuses."""
    make_pki()
    sizes = [10, 100, 500, 10000]
    files = make_bundles(sizes)
    per_certificate = {}
    for size in sizes:
        mine = [pftls, "inspect", "--hostname", HOST] + files[size]
        certfiles = sum((["-certfile", path] for path in files[size]), [])
        theirs = [["openssl", "crl2pkcs7", "-nocrl"] + certfiles, ["openssl", "pkcs7", "-print_certs", "-noout"]]
        a, b = interleave(max(3, runs // 2), lambda: timed(mine, cwd=WORK)[0], lambda: timed_sequence([theirs], cwd=WORK))
        label = f"{size:,} certificates in 4 files vs openssl crl2pkcs7 piped to pkcs7"
        if size > 500:
            label += " (pftls refuses: too-large)"
        table.pair(label, a, b, 1.5 if size == 10000 else None)
        per_certificate[size] = statistics.median(a) / size
    growth = per_certificate[500] / per_certificate[10]
    table.add("pftls time per certificate, 500 vs 10", f"{growth:.2f}x", "", "", "<= 1 (linear)", growth <= 1.0)


def corpus_floor(table, pftls, runs):
    """The floor under the corpus figure, for any dry run that keeps Postfix's answers:
    pftls' start alone, then postconf on the files as they are, then postconf on the
    staged copy (which needs the plan, which needs the first answers), one after the
    other. Measured on the first corpus pair, against postconf -n there."""
    pair = sorted(os.listdir(CORPUS))[0]
    main, master = (open(os.path.join(CORPUS, pair, name)).read() for name in ("main.cf", "master.cf"))
    instance = ThrowawayPostfix(f"floor-{pair}", main=main, master=master)
    query = ["postconf", "-c", instance.conf, "-h", "-x", "myhostname"]
    floor, theirs = interleave(runs, lambda: timed_sequence([[pftls, "--version"], query, query]),
                               lambda: timed(["postconf", "-c", instance.conf, "-n"])[0])
    table.pair(f"the floor under it ({pair}): pftls --version, then two postconf round trips, vs postconf -n", floor, theirs, None)
    shutil.rmtree(instance.root, ignore_errors=True)


def config_figures(table, pftls, runs):
    """apply --dry-run (which asks postconf about the files as they are and about the
    staged copy) against postconf -n on the same instance."""
    make_pki()

    def dry_run_against_postconf(name, main, master=None, count=runs, target=None, label=None, measure_peak=False):
        instance = ThrowawayPostfix(name, main=main, master=master)
        mine = [pftls, "apply", "--answers", instance.answers("leaf-a"), "--config-dir", instance.conf, "--dry-run"]
        theirs = ["postconf", "-c", instance.conf, "-n"]
        status = set()

        def run():
            seconds, code = timed(mine)
            status.add(code)
            return seconds

        a, b = interleave(count, run, lambda: timed(theirs)[0])
        # A refusal (exit 1, the pair's own problem) is timed as well, and named; any other
        # status (a crash, a catalog that cannot be used) is no measurement at all.
        table.pair(label + ("" if status == {0} else f" (exit {','.join(map(str, sorted(status)))})"), a, b, target)
        if not status <= {0, 1}:
            table.add(label + ": pftls failed", f"exit {sorted(status)}", "", "", "exit 0 or 1", False)
        peak = peak_rss(mine) if measure_peak else None
        shutil.rmtree(instance.root, ignore_errors=True)
        return a, peak

    for pair in sorted(os.listdir(CORPUS)):
        main, master = (open(os.path.join(CORPUS, pair, name)).read() for name in ("main.cf", "master.cf"))
        dry_run_against_postconf(f"corpus-{pair}", main, master, target=2.0,
                                 label=f"apply --dry-run on corpus {pair} ({main.count(chr(10))} lines) vs postconf -n")
    corpus_floor(table, pftls, runs)

    sizes = (5000, 50000, 500000)
    for lines in sizes:
        _, peak = dry_run_against_postconf(f"config-{lines}", main_cf(lines), target=4.0 if lines == 50000 else None,
                                           label=f"apply --dry-run on {lines:,} lines vs postconf -n", measure_peak=lines == 500000)
        if lines == 500000:
            table.add("peak RSS, apply --dry-run on 500,000 lines", f"{peak / 1024:.1f} MiB", "", "", "< 100 MiB", peak / 1024 < 100)
    # Linear growth: the time each further line costs from 50k to 500k lines against what
    # it costs from 5k to 50k (differences, so the start-up, paid once, counts for neither).
    # The three sizes alternate in one loop of their own: taken from the loops above, one
    # after another, the machine's drift between them moved this figure by 0.5.
    instances = {lines: ThrowawayPostfix(f"growth-{lines}", main=main_cf(lines)) for lines in sizes}
    dry_runs = {lines: [pftls, "apply", "--answers", instance.answers("leaf-a"), "--config-dir", instance.conf, "--dry-run"]
                for lines, instance in instances.items()}
    statuses = set()

    def dry_run(argv):
        seconds, status = timed(argv)
        statuses.add(status)
        return seconds

    times = interleave(runs, *(lambda argv=argv: dry_run(argv) for argv in dry_runs.values()))
    medians = {lines: statistics.median(series) for lines, series in zip(sizes, times)}
    for instance in instances.values():
        shutil.rmtree(instance.root, ignore_errors=True)
    if not statuses <= {0, 1}:
        table.add("time per further line: pftls failed", f"exit {sorted(statuses)}", "", "", "exit 0 or 1", False)
    low = (medians[50000] - medians[5000]) / 45000
    high = (medians[500000] - medians[50000]) / 450000
    growth = high / low if low > 0 else float("inf")
    table.add("time per further line, 50k-500k vs 5k-50k lines", f"{high * 1e9:.0f} ns vs {low * 1e9:.0f} ns", "", f"{growth:.2f}",
              "<= 1.5 (linear)", growth <= 1.5)

    unknown = DEBIAN_HEAD + "".join(f"bench_unknown_{n} = value {n}\n" for n in range(20000))
    dry_run_against_postconf("config-unknown", unknown, target=4.0,
                             label="apply --dry-run on 20,000 unknown parameters (20,000 postconf warnings) vs postconf -n")


def live_figures(table, pftls, runs):
    make_pki()
    instance = ThrowawayPostfix("live")
    instance.start()
    try:
        sh(pftls, "apply", "--answers", instance.answers("leaf-a"), "--config-dir", instance.conf)
        smtp, submission, submissions = instance.ports
        probes = [["openssl", "s_client", "-connect", f"127.0.0.1:{smtp}", "-starttls", "smtp", "-brief"],
                  ["openssl", "s_client", "-connect", f"127.0.0.1:{submission}", "-starttls", "smtp", "-brief"],
                  ["openssl", "s_client", "-connect", f"127.0.0.1:{submissions}", "-brief"]]
        mine, theirs = interleave(runs, lambda: timed([pftls, "check", "--config-dir", instance.conf])[0], lambda: timed_sequence(probes))
        table.pair("check vs three openssl s_client calls", mine, theirs, 1.2)

        # apply end to end: each run installs the other certificate, both ways.
        tls = os.path.join(instance.root, "tls")
        state = {"pftls": "leaf-b", "manual": "leaf-a"}

        def pftls_apply():
            leaf = state["pftls"]
            state["pftls"] = "leaf-a" if leaf == "leaf-b" else "leaf-b"
            backdate(instance.conf)
            return timed([pftls, "apply", "--answers", instance.answers(leaf), "--config-dir", instance.conf])[0]

        def manual_apply():
            leaf = state["manual"]
            state["manual"] = "leaf-a" if leaf == "leaf-b" else "leaf-b"
            backdate(instance.conf)
            chain = os.path.join(tls, "manual-chain.pem")
            steps = [["install", "-m", "600", os.path.join(WORK, leaf + ".key"), chain + ".key"],
                     ["sh", "-c", f"cat {chain}.key {WORK}/{leaf}.pem {WORK}/inter.pem > {chain} && rm {chain}.key"],
                     ["postconf", "-c", instance.conf, "-e", f"smtpd_tls_chain_files={chain}", "smtpd_tls_security_level=may"],
                     ["postfix", "-c", instance.conf, "check"],
                     ["postfix", "-c", instance.conf, "reload"],
                     probes[0]]
            return timed_sequence(steps)

        mine, theirs = interleave(max(3, runs // 2), pftls_apply, manual_apply)
        table.pair("apply end to end vs the manual sequence (6 commands)", mine, theirs, 1.0)
    finally:
        instance.stop()


RENEWALS = 120


def backup_sets(root):
    """The backup sets pftls made in `root` (directories named as BackupStamp says)."""
    stamp = re.compile(r"\d{8}T\d{6}Z(-([2-9]|[1-9]\d|100))?")
    try:
        names = os.listdir(root)
    except FileNotFoundError:
        return []
    return [n for n in names if stamp.fullmatch(n) and os.path.isdir(os.path.join(root, n)) and not os.path.islink(os.path.join(root, n))]


def disk_use(roots):
    """What du counts under `roots`: the blocks of every directory and file, links not followed."""
    total = 0
    for root in roots:
        for directory, directories, files in os.walk(root):
            total += sum(os.lstat(os.path.join(directory, name)).st_blocks * 512 for name in [""] + directories + files)
    return total


def renewal_figures(table, pftls, runs):
    """Issue 27: RENEWALS renewals in a row of a running throwaway Postfix, each a whole
    `pftls renew` as certbot's hook or a timer runs it, with its defaults (the canary, then
    the probes of smtp, submission and submissions), alternating two certificates with keys
    of their own, so each is a change with a key copy. Every renewal under 2 s; the backups
    bounded (the last 10 sets, the last 3 key copies) and their disk use flat: no higher
    than when the limits were first reached, and the same over the second half. DNS is
    asked as a user's run asks it (MX and TLSA of the host name). `runs` is not used."""
    make_pki()
    instance = ThrowawayPostfix("renewals")
    instance.start()
    try:
        sh(pftls, "apply", "--answers", instance.answers("leaf-a"), "--config-dir", instance.conf)
        roots = [os.path.join(instance.conf, "pftls-backups"), os.path.join(instance.root, "tls", ".pftls-backups")]
        times, use, status = [], [], set()
        for n in range(RENEWALS):
            leaf = "leaf-b" if n % 2 == 0 else "leaf-a"
            backdate(instance.conf)
            seconds, code = timed([pftls, "renew", "--config-dir", instance.conf, "--key", os.path.join(WORK, leaf + ".key"),
                                      "--cert", os.path.join(WORK, leaf + ".pem"), "--chain", os.path.join(WORK, "inter.pem")])
            times.append(seconds)
            status.add(code)
            use.append(disk_use(roots))
        label = f"renew, {RENEWALS} in a row (canary, 3 probes): median / slowest"
        if status != {0}:
            table.add(label + ": pftls failed", f"exit {sorted(status)}", "", "", "exit 0", False)
        table.add(label, f"{statistics.median(times) * 1000:.0f} ms / {max(times) * 1000:.0f} ms", "", "", "< 2000 ms each", max(times) < 2)
        sets, copies = (len(backup_sets(root)) for root in roots)
        table.add(f"backups left after {RENEWALS} renewals: sets / key copies", f"{sets} / {copies}", "", "", "10 / 3", (sets, copies) == (10, 3))
        half = use[RENEWALS // 2:]
        flat = max(use[10:]) <= max(use[:10]) and max(half) - min(half) <= min(half) // 20
        table.add(f"disk use of the backups: after renewal 10 / {RENEWALS}", f"{use[9] / 1024:.0f} KiB / {use[-1] / 1024:.0f} KiB", "", "",
                  "flat", flat)
    finally:
        instance.stop()
        shutil.rmtree(instance.root, ignore_errors=True)


SNI_SIZES = (100, 1000, 10000)


def sni_instance(name, fixture, certs=None):
    """A throwaway Postfix configuration (not started) serving the fixture's map: Debian's
    main.cf, the default chain in smtpd_tls_chain_files, `tls_server_sni_maps =
    hash:CONF/sni_map` holding the fixture's source (its files under `certs` when they were
    copied there), and its database built with the real `postmap -F`, root 0600."""
    instance = ThrowawayPostfix(name)
    source = open(fixture.map).read()
    default = fixture.default
    if certs:
        source = source.replace(fixture.certs + "/", certs + "/")
        default = default.replace(fixture.certs + "/", certs + "/")
    instance.sni_map = os.path.join(instance.conf, "sni_map")
    # The fixture's root is trusted, as a public CA's root is in the system store.
    instance.env = dict(ENV, SSL_CERT_DIR=fixture.trust)
    sni_fixture.write(instance.sni_map, source, 0o600)
    instance.postconf("-e", f"smtpd_tls_chain_files={default}", f"tls_server_sni_maps=hash:{instance.sni_map}",
                      "smtpd_tls_security_level=may")
    sh("postmap", "-c", instance.conf, "-F", "hash:" + instance.sni_map)
    os.chmod(instance.sni_map + ".db", 0o600)
    backdate(instance.conf)
    return instance


def check_findings(pftls, instance):
    """What check --no-probe reports on the instance (one untimed run), by code, for the log."""
    out = subprocess.run([pftls, "check", "--config-dir", instance.conf, "--no-probe", "--json"], capture_output=True, text=True, env=instance.env)
    try:
        findings = json.loads(out.stdout).get("findings", [])
    except ValueError:
        return f"exit {out.returncode}, no JSON: {(out.stderr or out.stdout).strip()[:200]}"
    codes = collections.Counter(finding.get("code", "?") for finding in findings)
    return f"exit {out.returncode}, {len(findings)} findings" + (": " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())) if codes else "")


def sni_figures(table, pftls, runs):
    """Issue 26: a hosting provider's map of 100, 1,000 and 10,000 entries
    (Benchmarks/sni_fixture.py). check --no-probe on each, the three sizes interleaved:
    at most 3 s at 10,000, and linear (the time each further entry costs from 1,000 to
    10,000 against what it costs from 100 to 1,000, as for main.cf's lines). Then renew
    --sni of one entry of the 10,000 against postmap -F of the same map, interleaved, each
    run from the same files (restored between runs, untimed) with a certificate it has not
    seen. Postfix is not started: neither side reloads (with postmap -F a running smtpd
    picks the new database up itself). While renew refuses --sni (a usage error), that
    figure says "not available" and postmap -F is timed alone. The fixture's root is
    trusted through SSL_CERT_DIR, as a public CA's root is: no entry is reported for a
    chain that ends nowhere. check asks DNS (MX, TLSA) as it does for a user, of the
    benchmark's local resolver."""
    os.makedirs(WORK, mode=0o755, exist_ok=True)
    os.chmod(WORK, 0o755)
    instances = {}
    for size in SNI_SIZES:
        fixture = sni_fixture.Fixture(WORK, size).ensure(HOST)
        instances[size] = sni_instance(f"sni-check-{size}", fixture)
        print(f"  check --no-probe on {size:,} SNI entries: {check_findings(pftls, instances[size])}", file=sys.stderr, flush=True)
    status = {size: set() for size in SNI_SIZES}

    def check_argv(size):
        return [pftls, "check", "--config-dir", instances[size].conf, "--no-probe"]

    def check(size):
        def run():
            seconds, code = timed(check_argv(size), env=instances[size].env)
            status[size].add(code)
            return seconds
        return run

    times = dict(zip(SNI_SIZES, interleave(runs, *(check(size) for size in SNI_SIZES))))
    medians = {size: statistics.median(times[size]) for size in SNI_SIZES}
    for size in SNI_SIZES:
        m, low, high = summary(times[size])
        exits = "" if status[size] == {0} else f" (exit {','.join(map(str, sorted(status[size])))})"
        target = size == SNI_SIZES[-1]
        table.add(f"check --no-probe, SNI map of {size:,} entries{exits}", f"{m:.1f} ms ({low:.1f}-{high:.1f}), {m * 1000 / size:.1f} us per entry",
                  "", "", "<= 3000 ms" if target else "", (m <= 3000) if target else None)
        if not status[size] <= {0, 1}:
            table.add(f"check --no-probe on {size:,} SNI entries: pftls failed", f"exit {sorted(status[size])}", "", "", "exit 0 or 1", False)
    small, middle, large = SNI_SIZES
    per_entry = (medians[large] / large) / (medians[middle] / middle)
    low = (medians[middle] - medians[small]) / (middle - small)
    high = (medians[large] - medians[middle]) / (large - middle)
    label = f"check: time per further entry, {middle // 1000}k-{large // 1000}k vs {small}-{middle // 1000}k (per entry overall, 10k vs 1k: {per_entry:.2f}x)"
    if medians[large] - medians[small] < max(0.005, 0.05 * medians[small]):
        # No cost per entry above the noise: nothing to call linear or not (is the map read at all?).
        table.add(label, "no measurable cost per entry", "", "", "<= 1.5 (linear)", None)
    else:
        growth = high / low if low > 0 else float("inf")
        table.add(label, f"{high * 1e6:.1f} us vs {low * 1e6:.1f} us", "", f"{growth:.2f}", "<= 1.5 (linear)", growth <= 1.5)
    peak = peak_rss(check_argv(large), env=instances[large].env)
    table.add(f"peak RSS, check --no-probe on {large:,} SNI entries", f"{peak / 1024:.1f} MiB", "", "", "", None)
    for instance in instances.values():
        shutil.rmtree(instance.root, ignore_errors=True)
    renew_figure(table, pftls, runs, sni_fixture.Fixture(WORK, large))


def renew_figure(table, pftls, runs, fixture):
    name = sni_fixture.renewal_name(fixture.size)
    label = f"renew --sni {name} ({fixture.size:,} entries) vs postmap -F of the map"
    # The entries' files are copied: a run changes one of them, and the fixture stays as made.
    certs = os.path.join(WORK, "sni-renew-certs")
    shutil.rmtree(certs, ignore_errors=True)
    shutil.copytree(fixture.certs, certs)
    os.chmod(certs, 0o700)
    instance = sni_instance("sni-renew", fixture, certs)
    renewals = fixture.renewals(os.path.join(instance.root, "renewals"), name, max(3, min(runs, 8)))
    pristine = PristineFiles(instance, certs, [os.path.join(certs, name + ".pem")])
    mine_argv = lambda n: [pftls, "renew", "--config-dir", instance.conf, "--sni", name, "--key", renewals[n % len(renewals)][0],
                           "--cert", renewals[n % len(renewals)][1]]
    postmap = ["postmap", "-c", instance.conf, "-F", "hash:" + instance.sni_map]

    def theirs():
        pristine.restore()
        return timed(postmap)[0]

    try:
        pristine.restore()
        probe = subprocess.run(mine_argv(0), capture_output=True, text=True, env=instance.env)
        said = (probe.stderr.strip() or probe.stdout.strip()).split("\n")
        if probe.returncode in (2, 64) and "Unknown option '--sni" in probe.stderr:
            # renew does not know --sni yet (ArgumentParser's usage error): postmap -F alone, for the record.
            t, tl, th = summary([theirs() for _ in range(runs)])
            table.add(label, f"not available (renew refuses --sni: exit {probe.returncode})", f"{t:.1f} ms ({tl:.1f}-{th:.1f})", "", "<= 1.5", None)
            return
        if probe.returncode != 0:
            table.add(label + ": pftls failed", f"exit {probe.returncode}: {said[0][:120]}", "", "", "exit 0", False)
            return
        served = subprocess.run(["postmap", "-c", instance.conf, "-Fq", name, "hash:" + instance.sni_map], capture_output=True, text=True, env=ENV).stdout
        new_leaf = open(renewals[0][1]).read().split("-----END CERTIFICATE-----")[0]
        if new_leaf.strip() not in served:
            table.add(label + ": the map does not serve the new certificate after renew", "postmap -Fq: old entry", "", "", "new certificate", False)
            return
        status, count = set(), [1]

        def mine():
            pristine.restore()
            seconds, code = timed(mine_argv(count[0]), env=instance.env)
            count[0] += 1
            status.add(code)
            return seconds

        a, b = interleave(runs, mine, theirs)
        table.pair(label + ("" if status == {0} else f" (exit {','.join(map(str, sorted(status)))})"), a, b, 1.5)
        if status != {0}:
            table.add(label + ": pftls failed", f"exit {sorted(status)}", "", "", "exit 0", False)
    finally:
        shutil.rmtree(instance.root, ignore_errors=True)
        shutil.rmtree(certs, ignore_errors=True)


class PristineFiles:
    """The renew instance as it was before any run: every file of its configuration
    directory (main.cf, master.cf, the map source and database) and the renewed entry's
    files. `restore()` puts them back (times and modes too) and removes whatever a run
    added there (backups, new chain files), outside the timed part."""

    def __init__(self, instance, certs, entry_files):
        self.places = {instance.conf: None, os.path.join(instance.root, "tls"): None, certs: entry_files}
        self.copy = os.path.join(instance.root, "pristine")
        self.listing = {}
        for place, files in self.places.items():
            self.listing[place] = set(os.listdir(place))
            saved = os.path.join(self.copy, place.strip("/").replace("/", "_"))
            os.makedirs(saved)
            for path in files if files is not None else [os.path.join(place, f) for f in self.listing[place]]:
                shutil.copy2(path, saved)
            self.places[place] = saved

    def restore(self):
        for place, saved in self.places.items():
            for extra in set(os.listdir(place)) - self.listing[place]:
                path = os.path.join(place, extra)
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
            for name in os.listdir(saved):
                target = os.path.join(place, name)
                if os.path.lexists(target):
                    os.remove(target)
                shutil.copy2(os.path.join(saved, name), target)


def wizard_figures(table, pftls, runs):
    def ptyrun(marker, keys, command):
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([sys.executable, PTYRUN, "--settle", "0.3", "--first-frame-marker", marker, "--keys", keys, "--"] + command,
                                 capture_output=True, text=True, env=dict(ENV, TMPDIR=tmp), check=True).stdout
        return json.loads(out)

    menu = ["--menu", "Choose what to set up", "15", "60", "4", "1", "Set up a certificate", "2", "Renew", "3", "Explain", "4", "Quit"]
    first = interleave(runs, lambda: ptyrun("Set up a certificate", "", [pftls, "demo"])["first_frame_seconds"],
                       lambda: ptyrun("Quit", "", ["dialog"] + menu)["first_frame_seconds"],
                       lambda: ptyrun("Quit", "", ["whiptail"] + menu)["first_frame_seconds"])
    table.pair("first frame, pftls demo vs dialog --menu", first[0], first[1], 2.0)
    table.pair("first frame, pftls demo vs whiptail --menu", first[0], first[2], None)
    # The floor under the first figure: a Swift program that only prints the menu's first
    # line, built and linked as pftls is (static runtime, ncurses, resolv; OpenSSL too where
    # pftls links it at start-up).
    floor = floor_program()
    lowest = interleave(runs, lambda: ptyrun("Set up a certificate", "", [floor])["first_frame_seconds"],
                        lambda: ptyrun("Quit", "", ["dialog"] + menu)["first_frame_seconds"])
    table.pair("first output, a Swift program linked as pftls is, vs dialog --menu (the floor)", lowest[0], lowest[1], None)
    keys = ptyrun("Set up a certificate", "enter,enter,tab,tab,down,up,down,up", [pftls, "demo"])["keys"]
    arrows = [k["bytes"] for k in keys if k["key"] in ("down", "up")]
    dialog_keys = ptyrun("Quit", "down,up,down,up", ["dialog"] + menu)["keys"]
    table.add("bytes per arrow key (file list vs dialog menu), worst", f"{max(arrows)} B", f"{max(k['bytes'] for k in dialog_keys)} B", "", "", None)
    mine, theirs = idle_wakeups([pftls, "demo"], "Set up a certificate"), idle_wakeups(["dialog"] + menu, "Quit")
    table.add("wake-ups per second while idle (10 s)", f"{mine:.1f}", f"{theirs:.1f}", "", "<= 1", mine <= 1)


def floor_program():
    """Builds the smallest program with pftls' start-up: the Swift runtime linked in, and
    the same shared libraries (OpenSSL, ncurses, resolv); it prints one line."""
    source, binary = os.path.join(WORK, "floor.swift"), os.path.join(WORK, "floor")
    os.makedirs(WORK, exist_ok=True)
    with open(source, "w") as f:
        f.write('print("Set up a certificate")\n')
    libraries = ["-Xlinker", "--no-as-needed", "-lssl", "-lcrypto", "-lncursesw", "-ltinfo", "-lresolv"]
    subprocess.run(["swiftc", "-O", "-static-stdlib", source, "-o", binary] + libraries, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return binary


def idle_wakeups(command, marker, seconds=10):
    """Context switches of every thread of `command` while it waits for a key, per second."""
    import pty, select, signal
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(command[0], command, dict(ENV, TERM="xterm-256color", LANG="C.UTF-8"))
    seen = b""
    deadline = time.time() + 10
    while marker.encode() not in seen and time.time() < deadline:
        if select.select([fd], [], [], 1)[0]:
            seen += os.read(fd, 65536)
    time.sleep(2)  # let the background detection finish

    def switches():
        counts = {}
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                total = 0
                for line in open(f"/proc/{pid}/task/{task}/status"):
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
                counts[task] = total
            except OSError:
                pass  # the thread ended while being read
        return counts

    def drain():
        while select.select([fd], [], [], 0)[0]:
            try:
                os.read(fd, 65536)
            except OSError:
                break

    drain()
    before = switches()
    time.sleep(seconds)
    after = switches()
    # Threads that ended in between are not counted; threads that started count in full.
    os.kill(pid, signal.SIGTERM)
    drain()
    os.waitpid(pid, 0)
    return sum(count - before.get(task, 0) for task, count in after.items()) / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--only", default="inspect,bundles,config,live,sni,renewals,wizard")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the benchmark starts a throwaway Postfix")
    install_tools()
    start_local_resolver()
    pftls = build()
    table = Table()
    figures = {"inspect": inspect_figures, "bundles": bundle_figures, "config": config_figures, "live": live_figures, "sni": sni_figures,
               "renewals": renewal_figures, "wizard": wizard_figures}
    for name in args.only.split(","):
        figures[name](table, pftls, args.runs)
    cpus = os.cpu_count()
    print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {cpus} CPUs, {platform.platform()}, {args.runs} runs")
    print(table.render(args.markdown))
    if table.missed:
        print("missed: " + "; ".join(table.missed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
