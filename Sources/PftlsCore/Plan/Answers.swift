/// Everything the administrator decided: the input of a change plan.
///
/// The wizard fills it step by step; `pftls apply --answers FILE` reads it from
/// JSON. It never holds a passphrase.
public struct Answers: Equatable, Sendable {
    /// How the key and certificates are laid out on disk.
    public enum Layout: String, Sendable, CaseIterable {
        /// One root-owned 0600 file: key, leaf, intermediates (`smtpd_tls_chain_files`, Postfix >= 3.4).
        case chainFile = "chain-file"
        /// The guide's layout: a key file, and a certificate file with the intermediates appended.
        case separateFiles = "separate-files"
    }

    /// The mail services pftls can set up.
    public enum ServiceName: String, Sendable, CaseIterable {
        case smtp
        case submission
        case submissions
    }

    /// One service to enable, with an optional listen address (`addr:port`).
    public struct Service: Equatable, Sendable {
        public var name: ServiceName
        public var listen: String?

        /// Creates a service choice.
        public init(name: ServiceName, listen: String? = nil) {
            self.name = name
            self.listen = listen
        }
    }

    /// Server-side levels Postfix accepts for `smtpd_tls_security_level`.
    public static let smtpdLevels = ["none", "may", "encrypt"]
    /// Client-side levels Postfix accepts for `smtp_tls_security_level`.
    public static let smtpLevels = ["none", "may", "encrypt", "dane", "dane-only", "fingerprint", "verify", "secure"]

    public var certificateDirectory: String
    public var privateKey: String
    public var certificate: String
    public var intermediates: [String]
    public var smtpdSecurityLevel: String
    public var smtpSecurityLevel: String
    public var services: [Service]
    /// nil: chain-file on Postfix >= 3.4, separate-files before.
    public var layout: Layout?
    /// The name the certificate must cover; nil: Postfix's myhostname.
    public var hostname: String?
    /// True when this host is a dedicated submission server, not a public MX:
    /// the only case where `encrypt` on port 25 is allowed (RFC 3207).
    public var dedicatedNonMX: Bool
    /// Set `smtpd_tls_CAfile` to the intermediates (separate-files layout only), as the guide did.
    public var smtpdCAfile: Bool
    /// Other names clients use (MX, submission): each must be covered, or `name-not-covered`.
    public var names: [String] = []
    /// The certificate comes from a private CA whose clients hold its root: a leaf without
    /// its intermediate is then a warning (`incomplete-chain`), not `intermediate-missing`.
    public var privateCA = false
    /// Whether Dovecot gets the same key and chain; nil: the run decides (`DovecotRequest`).
    public var dovecot: DovecotChoice?
    /// A second default key of another type, served beside the first (RSA + ECDSA).
    public var additionalKey: KeySource?
    /// SNI map entries to install or replace; entries not named here are kept.
    public var sni: [SNIAnswer] = []
    /// The default pairs stay as they are, in their files (a renewal of SNI entries only):
    /// main.cf's certificate settings are not touched. Not part of the answers file.
    public var keepsDefaultPairs = false

    /// The answers file's `"dovecot"`: `false`, `true` (Dovecot's own configuration) or
    /// `{"config": "/path/dovecot.conf"}`.
    public struct DovecotChoice: Equatable, Sendable {
        /// False for `"dovecot": false`.
        public let included: Bool
        /// The configuration file `{"config": …}` names; nil: Dovecot's own.
        public let configFile: String?

        /// `"dovecot": false`.
        public static let no = DovecotChoice(included: false, configFile: nil)
        /// `"dovecot": true`.
        public static let standardConfig = DovecotChoice(included: true, configFile: nil)
        /// `"dovecot": {"config": path}`.
        public static func config(_ path: String) -> DovecotChoice { DovecotChoice(included: true, configFile: path) }
    }

    /// Creates answers.
    public init(certificateDirectory: String, privateKey: String, certificate: String, intermediates: [String],
                smtpdSecurityLevel: String = "may", smtpSecurityLevel: String = "may", services: [Service],
                layout: Layout? = nil, hostname: String? = nil, dedicatedNonMX: Bool = false, smtpdCAfile: Bool = false) {
        self.certificateDirectory = certificateDirectory
        self.privateKey = privateKey
        self.certificate = certificate
        self.intermediates = intermediates
        self.smtpdSecurityLevel = smtpdSecurityLevel
        self.smtpSecurityLevel = smtpSecurityLevel
        self.services = services
        self.layout = layout
        self.hostname = hostname
        self.dedicatedNonMX = dedicatedNonMX
        self.smtpdCAfile = smtpdCAfile
    }
}
