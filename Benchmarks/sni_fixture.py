"""A hosting provider's SNI material for the `sni` figures of run.py (issue 26).

One test root and one intermediate (EC P-256), a default chain for the mail host, and a
map source of `size` entries, each with its own chain file (private key, leaf,
intermediate, in that order; root 0600) in a directory only root can write:

  mail.example.test              the default chain (postconf(5): list the default names too)
  hNNNNN.hosting.test            most entries: one EC P-256 chain
  hNNNNN.hosting.test            2 in 100: one RSA-2048 chain
  .hNNNNN.hosting.test           5 in 100: a parent-domain entry, a *.hNNNNN certificate
  hNNNNN.hosting.test            1 in 100: two chains on the value, RSA and ECDSA

Certificates are made with python3's `cryptography` when it can be imported (10,000 take
a few seconds), else with one `openssl req -x509 -CA` per certificate. They are valid
from yesterday for 90 days; a fixture is kept under WORK/sni-fixture-SIZE and made again
when its certificates expire within 30 days or its layout changed. The fixture holds the
map source only; run.py copies it next to a throwaway main.cf and builds the database
with the real `postmap -F`.
"""
import datetime, json, os, shutil, subprocess

LAYOUT = 2  # bump when the files below change shape: cached fixtures are then made again
DOMAIN = "hosting.test"
DAYS = 90
FRESH_DAYS = 30

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    HAVE_CRYPTOGRAPHY = True
except ImportError:
    HAVE_CRYPTOGRAPHY = False


def entry_name(index):
    return f"h{index:05d}.{DOMAIN}"


def entry_kind(index):
    """What entry `index` (1-based, hosting names only) holds: 'ec', 'rsa', 'parent' or 'dual'."""
    rest = index % 100
    if rest == 7:
        return "dual"
    if rest in (3, 53):
        return "rsa"
    if rest % 20 == 10:
        return "parent"
    return "ec"


def renewal_name(size):
    """The exact EC entry in the middle of the map: the one the renew figure replaces."""
    index = size // 2
    while entry_kind(index) != "ec":
        index += 1
    return entry_name(index)


class Fixture:
    """The cached files of one size: `certs` (the chain files), `map` (the source, naming
    the files under `certs`), `default` (the mail host's chain), `inter`/`inter_key`
    (to sign renewals), `root`, and `trust`: a directory for SSL_CERT_DIR that holds the
    root, so that the chains end at a trusted root as a public CA's do."""

    def __init__(self, work, size):
        self.size = size
        self.directory = os.path.join(work, f"sni-fixture-{size}")
        self.certs = os.path.join(self.directory, "certs")
        self.map = os.path.join(self.directory, "sni_map")
        self.default = os.path.join(self.certs, "mail.example.test.pem")
        self.root = os.path.join(self.directory, "root.pem")
        self.inter = os.path.join(self.directory, "inter.pem")
        self.inter_key = os.path.join(self.directory, "inter.key")
        self.trust = os.path.join(self.directory, "trust")
        self.stamp = os.path.join(self.directory, "fixture.json")

    def fresh(self):
        try:
            with open(self.stamp) as f:
                stamp = json.load(f)
        except (OSError, ValueError):
            return False
        left = datetime.datetime.fromisoformat(stamp["notAfter"]) - now()
        return stamp.get("layout") == LAYOUT and stamp.get("size") == self.size and left > datetime.timedelta(days=FRESH_DAYS)

    def ensure(self, host):
        """Makes the fixture unless a fresh one is there; returns self."""
        if self.fresh():
            return self
        shutil.rmtree(self.directory, ignore_errors=True)
        os.makedirs(self.certs)
        os.chmod(self.directory, 0o755)
        os.chmod(self.certs, 0o700)
        maker = CryptographyMaker(self) if HAVE_CRYPTOGRAPHY else OpenSSLMaker(self)
        not_after = maker.authorities()
        # The root as a hosting provider's public CA root is: trusted (SSL_CERT_DIR, hashed as c_rehash does).
        os.makedirs(self.trust)
        shutil.copy(self.root, self.trust)
        subprocess.run(["openssl", "rehash", self.trust], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        maker.chain_file(self.default, host, [host], "ec")
        lines = ["# SNI map of a hosting provider: name or .parent-domain, then key and chain files",
                 f"{host}\t{self.default}"]
        for index in range(1, self.size):
            name, kind = entry_name(index), entry_kind(index)
            base = os.path.join(self.certs, name)
            if kind == "dual":
                files = [base + ".rsa.pem", base + ".ecdsa.pem"]
                maker.chain_file(files[0], name, [name], "rsa")
                maker.chain_file(files[1], name, [name], "ec")
                lines.append(f"{name}\t{files[0]}, {files[1]}")
            elif kind == "parent":
                maker.chain_file(base + ".pem", "*." + name, ["*." + name, name], "ec")
                lines.append(f".{name}\t{base}.pem")
            else:
                maker.chain_file(base + ".pem", name, [name], kind)
                lines.append(f"{name}\t{base}.pem")
        write(self.map, "\n".join(lines) + "\n", 0o600)
        write(self.stamp, json.dumps({"layout": LAYOUT, "size": self.size, "notAfter": not_after.isoformat(),
                                      "maker": type(maker).__name__}) + "\n", 0o644)
        return self

    def renewals(self, directory, name, count):
        """`count` new certificates for `name`, signed by the fixture's intermediate, each
        as certbot leaves one: privkey.pem and fullchain.pem (leaf, intermediate)."""
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory, mode=0o700)
        maker = CryptographyMaker(self) if HAVE_CRYPTOGRAPHY else OpenSSLMaker(self)
        maker.load_authority()
        result = []
        for n in range(count):
            key, fullchain = os.path.join(directory, f"privkey{n}.pem"), os.path.join(directory, f"fullchain{n}.pem")
            maker.renewal(key, fullchain, name)
            result.append((key, fullchain))
        return result


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def write(path, text, mode):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, mode)


class CryptographyMaker:
    """Certificates through python3-cryptography: a few seconds for 10,000."""

    def __init__(self, fixture):
        self.fixture = fixture
        self.start = now() - datetime.timedelta(days=1)
        self.end = self.start + datetime.timedelta(days=DAYS)

    def key(self, kind):
        return rsa.generate_private_key(public_exponent=65537, key_size=2048) if kind == "rsa" else ec.generate_private_key(ec.SECP256R1())

    @staticmethod
    def pem_key(key):
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()

    @staticmethod
    def pem(certificate):
        return certificate.public_bytes(serialization.Encoding.PEM).decode()

    def certificate(self, subject, key, issuer, issuer_key, ca, names=(), days=DAYS):
        builder = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                   .issuer_name(issuer).public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(self.start).not_valid_after(self.start + datetime.timedelta(days=days))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                   .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
        if issuer_key is not key:
            builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
        if ca:
            builder = builder.add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                                          data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                                          crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        else:
            builder = (builder.add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                                           key_encipherment=isinstance(key, rsa.RSAPrivateKey), data_encipherment=False,
                                                           key_agreement=False, key_cert_sign=False, crl_sign=False,
                                                           encipher_only=False, decipher_only=False), critical=True)
                       .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                       .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False))
        return builder.sign(issuer_key, hashes.SHA256())

    def authorities(self):
        root_key, inter_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SNI Bench Root")])
        root = self.certificate("SNI Bench Root", root_key, name, root_key, True, days=3650)
        inter = self.certificate("SNI Bench Intermediate", inter_key, root.subject, root_key, True, days=1825)
        write(self.fixture.root, self.pem(root), 0o644)
        write(self.fixture.inter, self.pem(inter), 0o644)
        write(self.fixture.inter_key, self.pem_key(inter_key), 0o600)
        self.inter, self.inter_key, self.inter_pem = inter, inter_key, self.pem(inter)
        return self.end

    def load_authority(self):
        with open(self.fixture.inter, "rb") as f:
            self.inter_pem = f.read().decode()
            self.inter = x509.load_pem_x509_certificate(self.inter_pem.encode())
        with open(self.fixture.inter_key, "rb") as f:
            self.inter_key = serialization.load_pem_private_key(f.read(), password=None)

    def leaf(self, subject, names, kind):
        key = self.key(kind)
        return key, self.certificate(subject, key, self.inter.subject, self.inter_key, False, names)

    def chain_file(self, path, subject, names, kind):
        key, leaf = self.leaf(subject, names, kind)
        write(path, self.pem_key(key) + self.pem(leaf) + self.inter_pem, 0o600)

    def renewal(self, key_path, fullchain_path, name):
        key, leaf = self.leaf(name, [name], "ec")
        write(key_path, self.pem_key(key), 0o600)
        write(fullchain_path, self.pem(leaf) + self.inter_pem, 0o644)


class OpenSSLMaker:
    """The same certificates with one openssl process each (when cryptography is missing):
    about 3 minutes for 10,000."""

    def __init__(self, fixture):
        self.fixture = fixture
        self.directory = fixture.directory
        self.extensions = os.path.join(self.directory, "ext.cnf")

    def run(self, *argv):
        subprocess.run(argv, check=True, cwd=self.directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))

    def authorities(self):
        with open(self.extensions, "w") as f:
            f.write("[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n")
        ec_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        self.run("openssl", "req", "-x509", *ec_key, "-keyout", "root.key", "-out", "root.pem", "-subj", "/CN=SNI Bench Root",
                 "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE")
        self.run("openssl", "req", "-new", *ec_key, "-keyout", "inter.key", "-out", "inter.csr", "-subj", "/CN=SNI Bench Intermediate")
        self.run("openssl", "x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "2",
                 "-out", "inter.pem", "-days", "1825", "-extfile", self.extensions, "-extensions", "ca")
        os.chmod(self.fixture.inter_key, 0o600)
        # openssl 3.0 cannot date a certificate back: valid from now for 90 days.
        return now() + datetime.timedelta(days=DAYS)

    def load_authority(self):
        pass

    def leaf(self, key_path, cert_path, subject, names, kind):
        new_key = ["-newkey", "rsa:2048"] if kind == "rsa" else ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
        san = ",".join("DNS:" + n for n in names)
        usage = "critical,digitalSignature" + (",keyEncipherment" if kind == "rsa" else "")
        self.run("openssl", "req", "-x509", *new_key, "-nodes", "-keyout", key_path, "-out", cert_path, "-subj", "/CN=" + subject,
                 "-CA", self.fixture.inter, "-CAkey", self.fixture.inter_key, "-days", str(DAYS),
                 "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "keyUsage=" + usage, "-addext", "extendedKeyUsage=serverAuth",
                 "-addext", "subjectAltName=" + san)

    def chain_file(self, path, subject, names, kind):
        self.leaf(path + ".key", path + ".crt", subject, names, kind)
        parts = [open(p).read() for p in (path + ".key", path + ".crt", self.fixture.inter)]
        write(path, "".join(parts), 0o600)
        os.remove(path + ".key")
        os.remove(path + ".crt")

    def renewal(self, key_path, fullchain_path, name):
        self.leaf(key_path, fullchain_path + ".leaf", name, [name], "ec")
        os.chmod(key_path, 0o600)
        write(fullchain_path, open(fullchain_path + ".leaf").read() + open(self.fixture.inter).read(), 0o644)
        os.remove(fullchain_path + ".leaf")
