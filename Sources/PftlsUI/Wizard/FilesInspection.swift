import PftlsCore

/// The engine's verdict on the assigned files.
public struct FilesInspection {
    public let assignment: FileAssignment
    public let findings: [Finding]
    /// True when the key is encrypted and no (right) passphrase was given.
    public let needsPassphrase: Bool
    /// True when a passphrase was given and it was wrong.
    public let wrongPassphrase: Bool
    /// True when the key is encrypted (the passphrase step applies).
    public let keyIsEncrypted: Bool
    /// The passphrase that opened the key, kept for planning.
    public let passphrase: SecretBytes?
    /// "CN=..., until 2027-...".
    public let leafSummary: String?
    /// The leaf's key type (known even while its key is still encrypted).
    public let keyType: ServerKeyType?
    /// True when the question was whether a typed passphrase opens the key (the
    /// passphrase step's), not the files' verdict.
    public let unlocking: Bool

    /// True when the passphrase tried did not open the key.
    var unlockFailed: Bool { wrongPassphrase || needsPassphrase }

    /// The errors that block Next; the passphrase step handles a missing passphrase.
    var blockingErrors: [Finding] { findings.filter { $0.severity == .error && $0.code != .passphraseRequired } }
}
