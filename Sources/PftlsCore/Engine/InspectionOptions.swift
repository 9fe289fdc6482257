import Foundation

/// What an inspection checks against, beyond the files themselves.
public struct InspectionOptions {
    /// The host name the certificate must cover; nil skips the check.
    public var hostname: String?
    /// Where passphrases come from; nil means encrypted inputs are reported, not opened.
    public var passphrases: PassphraseSource?
    /// Days before expiry at which `expires-soon` is raised.
    public var expiryWarningDays: Int

    /// Creates options.
    public init(hostname: String? = nil, passphrases: PassphraseSource? = nil, expiryWarningDays: Int = 30) {
        self.hostname = hostname
        self.passphrases = passphrases
        self.expiryWarningDays = expiryWarningDays
    }
}
