import FoundationEssentials
import Glibc

/// What an inspection checks against, beyond the files themselves.
public struct InspectionOptions {
    /// The host name the certificate must cover; nil skips the check.
    public var hostname: String?
    /// Where passphrases come from; nil means encrypted inputs are reported, not opened.
    public var passphrases: PassphraseSource?
    /// When `expires-soon` is raised: by default a third of the certificate's lifetime, at most 30 days.
    public var expiryWarning: ExpiryLimit
    /// When `expires-soon` is an error (`check`); nil: a warning to the end.
    public var expiryError: ExpiryLimit?
    /// Files that give only their key: certificates in them are not part of the
    /// inspection. A renewal that keeps the key in use names the installed chain file,
    /// whose certificate is the old one.
    public var keyOnlyFiles: Set<String>
    /// Other names clients use (MX, submission); each must be covered, or `name-not-covered`.
    public var names: [String] = []
    /// The certificate comes from a private CA whose clients hold its root: a leaf whose
    /// issuer is missing is then the warning `incomplete-chain`, not the error
    /// `intermediate-missing`.
    public var privateCA = false

    /// Creates options.
    public init(hostname: String? = nil, passphrases: PassphraseSource? = nil, expiryWarning: ExpiryLimit = .lifetimeWarning,
                keyOnlyFiles: Set<String> = [], names: [String] = [], expiryError: ExpiryLimit? = nil, privateCA: Bool = false) {
        self.expiryError = expiryError
        self.names = names
        self.privateCA = privateCA
        self.hostname = hostname
        self.passphrases = passphrases
        self.expiryWarning = expiryWarning
        self.keyOnlyFiles = keyOnlyFiles
    }

    /// The key-only files of a set of answers: the key file, when it is not also named
    /// as the certificate or an intermediate.
    public static func keyOnly(key: String, certificate: String, intermediates: [String]) -> Set<String> {
        key == certificate || intermediates.contains(key) ? [] : [key]
    }
}
