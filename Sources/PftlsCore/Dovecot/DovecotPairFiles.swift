/// The files pftls writes one of Dovecot's pairs to, in the certificate directory: the first
/// pair's `dovecot-key.pem`/`dovecot-cert.pem`, the alternate's `dovecot-alt-*.pem`, each
/// in two name sets (`-b`). A renewal writes the set Dovecot's configuration does not name
/// and then switches the configuration to it in one rename, so the key and the certificate
/// Dovecot loads never come from different generations, even when the run is killed between
/// two writes or Dovecot reads its files in between.
public struct DovecotPairFiles: Equatable, Sendable {
    /// The key file (0600).
    public let key: String
    /// The leaf and intermediates (0644).
    public let certificate: String
    /// True for Dovecot's alternate pair (`ssl_alt_*`, a second key type).
    public let alternate: Bool

    /// The two name sets of the pair (`alternate` or the first) in `directory`.
    static func sets(in directory: String, alternate: Bool) -> [DovecotPairFiles] {
        let base = (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + (alternate ? "/dovecot-alt-" : "/dovecot-")
        return ["", "-b"].map { DovecotPairFiles(key: base + "key\($0).pem", certificate: base + "cert\($0).pem", alternate: alternate) }
    }

    /// The set to write: the one the configuration names (`named`) when it already holds
    /// exactly `key` and `certificate` (nothing to change), otherwise the one it does not name.
    static func choose(in directory: String, alternate: Bool, named: DovecotKeyPair?, key: SecretBytes, certificate: [UInt8],
                       fileSystem: FileSystem) -> DovecotPairFiles {
        let sets = sets(in: directory, alternate: alternate)
        guard let named, let current = sets.firstIndex(where: { $0.certificate == named.certificate || $0.key == named.key }) else { return sets[0] }
        let read = { (path: String) in try? fileSystem.readFile(path, limit: 1 << 20) }
        let unchanged = read(sets[current].certificate) == certificate && read(sets[current].key).map(key.holds) == true
        return unchanged ? sets[current] : sets[1 - current]
    }
}

/// One of Dovecot's pairs that a change writes: its files and what Dovecot must serve from it.
public struct DovecotPlannedPair: Sendable {
    public let files: DovecotPairFiles
    public let proof: ServeProof
}
