/// The files pftls installs in the certificate directory, per layout.
public struct InstalledFiles: Equatable, Sendable {
    /// chain-file layout: key, leaf and intermediates in one 0600 file.
    public let chainFile: String?
    /// separate-files layout: the key alone (0600).
    public let keyFile: String?
    /// separate-files layout: leaf then intermediates (0644).
    public let certificateFile: String?
    /// separate-files layout, when asked for: the intermediates for `smtpd_tls_CAfile`.
    public let caFile: String?

    /// The paths for `layout` in `directory`.
    public init(directory: String, layout: Answers.Layout, withCAfile: Bool) {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        switch layout {
        case .chainFile:
            chainFile = base + "/smtpd-chain.pem"
            keyFile = nil
            certificateFile = nil
            caFile = nil
        case .separateFiles:
            chainFile = nil
            keyFile = base + "/smtpd-key.pem"
            certificateFile = base + "/smtpd-cert.pem"
            caFile = withCAfile ? base + "/smtpd-cafile.pem" : nil
        }
    }
}
