/// The files pftls installs in the certificate directory, per layout.
public struct InstalledFiles: Equatable, Sendable {
    /// The two name sets of the separate-files layout. A renewal writes the set that
    /// main.cf does not name and then switches main.cf to it in one rename, so the key
    /// and the certificate Postfix loads never come from different generations.
    public enum Slot: Sendable, CaseIterable {
        /// `smtpd-key.pem`, `smtpd-cert.pem`, `smtpd-cafile.pem`.
        case primary
        /// `smtpd-key-b.pem`, `smtpd-cert-b.pem`, `smtpd-cafile-b.pem`.
        case alternate
    }

    /// chain-file layout: key, leaf and intermediates in one 0600 file.
    public internal(set) var chainFile: String?
    /// chain-file layout: every file of `smtpd_tls_chain_files` when other pairs (another key
    /// type: one kept, or the answers' additional key) are served beside `chainFile`.
    public internal(set) var chainFiles: [String] = []
    /// separate-files layout: legacy settings of another key type that stay (`smtpd_tls_eccert_file`, …).
    public internal(set) var keptLegacySettings: Set<String> = []
    /// separate-files layout: the key alone (0600).
    public let keyFile: String?
    /// separate-files layout: leaf then intermediates (0644).
    public let certificateFile: String?
    /// separate-files layout, when asked for: the intermediates for `smtpd_tls_CAfile`.
    public let caFile: String?

    /// The paths for `layout` in `directory`; `slot` matters only for separate files.
    public init(directory: String, layout: Answers.Layout, withCAfile: Bool, slot: Slot = .primary) {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let suffix = slot == .primary ? "" : "-b"
        switch layout {
        case .chainFile:
            chainFile = base + "/smtpd-chain.pem"
            keyFile = nil
            certificateFile = nil
            caFile = nil
        case .separateFiles:
            chainFile = nil
            keyFile = base + "/smtpd-key\(suffix).pem"
            certificateFile = base + "/smtpd-cert\(suffix).pem"
            caFile = withCAfile ? base + "/smtpd-cafile\(suffix).pem" : nil
        }
    }

    /// Every path of this set.
    public var paths: [String] { [chainFile, keyFile, certificateFile, caFile].compactMap { $0 } }

    /// `smtpd_tls_chain_files` as the change sets it.
    public var chainFilesValue: String? { chainFile.map { (chainFiles.isEmpty ? [$0] : chainFiles).joined(separator: ", ") } }

    /// The separate-files slot to write: the one main.cf names when it already holds
    /// exactly the new files (nothing to change), otherwise the one it does not name.
    /// `inUse` holds the key and certificate paths main.cf names; `unchanged` says
    /// whether a slot's files already hold the new content.
    static func separateFiles(directory: String, withCAfile: Bool, inUse: Set<String>,
                              unchanged: (InstalledFiles) -> Bool) -> InstalledFiles {
        let slots = Slot.allCases.map { InstalledFiles(directory: directory, layout: .separateFiles, withCAfile: withCAfile, slot: $0) }
        guard let current = slots.first(where: { !inUse.isDisjoint(with: [$0.keyFile, $0.certificateFile].compactMap { $0 }) }) else {
            return slots[0]
        }
        if unchanged(current) { return current }
        return slots.first { $0 != current } ?? current
    }
}
