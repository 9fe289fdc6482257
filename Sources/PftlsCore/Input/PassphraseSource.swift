/// Supplies the passphrase for an encrypted key or PKCS#12 file when one is met.
///
/// Asked at most once per file, and only when the file needs it. Implementations
/// read a passphrase file or prompt on /dev/tty; never argv or the environment.
public protocol PassphraseSource: AnyObject {
    /// The passphrase for `file`, or nil when none is available.
    func passphrase(for file: String) -> SecretBytes?
}

/// One passphrase for every file, as given by `--passphrase-file`.
public final class FixedPassphrase: PassphraseSource {
    private let secret: SecretBytes

    /// Uses `secret` for every file.
    public init(_ secret: SecretBytes) { self.secret = secret }

    public func passphrase(for file: String) -> SecretBytes? { secret }
}
