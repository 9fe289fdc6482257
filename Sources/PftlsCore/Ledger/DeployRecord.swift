/// One line of the deploy ledger: one apply, renew or wizard run on one Postfix
/// configuration, what it installed (or would have), where that came from, and how it
/// ended. It never holds key material or a passphrase: keys are named by path only.
public struct DeployRecord: Codable, Equatable, Sendable {
    /// The command that made the change.
    public enum Command: String, Codable, Sendable {
        case apply, renew, wizard
    }

    /// How the run ended.
    public enum Result: String, Codable, Sendable {
        /// The files were written and proven (or Postfix was not running).
        case applied
        /// The plan matched the files already installed: nothing was written.
        case unchanged
        /// Stopped before anything changed (the plan's errors, the lock, the canary, ...).
        case refused
        /// Files were written, then every one was put back.
        case rolledBack = "rolled-back"
        /// Files were written and the rollback could not put every one back.
        case failed
    }

    /// When the run ended, UTC (`2026-12-07T08:53:37Z`).
    public var time: String
    /// The Postfix configuration directory the run changed.
    public var configDirectory: String
    public var command: Command
    public var result: Result
    /// Why the run did not apply: the stop's code (`ApplyFailure.Code`: `interrupted`, `plan-has-errors`, `not-served`, ...).
    public var reasonCode: String?
    /// Why the run did not apply, as it said it.
    public var reason: String?
    /// Each certificate and key file the run installed; for a run that did not apply,
    /// what it would have installed.
    public var installed: [InstalledEntry]

    /// Creates a record.
    public init(time: String, configDirectory: String, command: Command, result: Result, reasonCode: String? = nil,
                reason: String? = nil, installed: [InstalledEntry]) {
        self.time = time
        self.configDirectory = configDirectory
        self.command = command
        self.result = result
        self.reasonCode = reasonCode
        self.reason = reason
        self.installed = installed
    }

    /// True when the record's files are the ones installed by it (applied, or already in place).
    public var installedFiles: Bool { result == .applied || result == .unchanged }
}

/// One installed file and, for a file that holds a certificate, the certificate and its source.
/// A file that holds two pairs (an SNI entry with RSA and ECDSA) has one entry per pair.
public struct InstalledEntry: Codable, Equatable, Sendable {
    /// The installed file.
    public var path: String
    /// SHA-256 (lowercase hex) of the bytes written; nil for a file holding a key (a digest
    /// of unencrypted key material is never recorded).
    public var sha256: String?
    /// `key`, `certificate`, `chain` (key and chain in one file) or `intermediates`.
    public var role: String
    /// RSA, ECDSA, Ed25519, ... of the certificate's key.
    public var keyType: String?
    /// The leaf's DNS names (subjectAltName).
    public var names: [String]
    /// The leaf's validity, UTC.
    public var notBefore: String?
    public var notAfter: String?
    /// SHA-256 (lowercase hex) of the leaf's DER.
    public var leafSHA256: String?
    /// The SNI map keys the file serves, when it is an SNI entry's.
    public var sni: [String]?
    /// Where it came from.
    public var source: DeploySource?

    /// Creates an entry.
    public init(path: String, sha256: String?, role: String, keyType: String? = nil, names: [String] = [], notBefore: String? = nil,
                notAfter: String? = nil, leafSHA256: String? = nil, sni: [String]? = nil, source: DeploySource? = nil) {
        self.path = path
        self.sha256 = sha256
        self.role = role
        self.keyType = keyType
        self.names = names
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.leafSHA256 = leafSHA256
        self.sni = sni
        self.source = source
    }
}

/// The files a pair was installed from, as the answers or `renew` named them.
public struct DeploySource: Codable, Equatable, Sendable {
    /// A source file: its path as given, and the SHA-256 of its bytes when they were read
    /// (never for a key file: a key's bytes are not hashed into the ledger).
    public struct File: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String?

        /// Creates a source file.
        public init(path: String, sha256: String? = nil) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// The key file, never hashed (the certificate file itself when one file holds both);
    /// nil in records made before that was recorded.
    public var key: File?
    public var certificate: File
    public var chain: [File]
    /// certbot's `live/NAME` directory, when the files lie in a certbot lineage (live/ or archive/).
    public var certbotLineage: String?
    /// acme.sh's certificate directory (`~/.acme.sh/NAME/` or `NAME_ecc/`), when the files are acme.sh's.
    public var acmeDirectory: String?

    /// Creates a source.
    public init(key: File?, certificate: File, chain: [File] = [], certbotLineage: String? = nil, acmeDirectory: String? = nil) {
        self.key = key
        self.certificate = certificate
        self.chain = chain
        self.certbotLineage = certbotLineage
        self.acmeDirectory = acmeDirectory
    }
}
