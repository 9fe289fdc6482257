#if canImport(Glibc)
import Glibc
#endif

/// One file the plan writes: where, with which owner and mode, what it holds, and
/// how it differs from what is there now.
public struct PlannedFile {
    /// The new content. Key-bearing content is secret and never shown.
    public enum Content {
        case text([UInt8])
        case secret(SecretBytes)
    }

    /// What the file is to Postfix.
    public enum Role: Sendable, Equatable {
        case mainConfig, masterConfig
        /// Key, leaf and intermediates in one file (`smtpd_tls_chain_files`).
        case keyAndChain
        /// The key alone (`smtpd_tls_key_file`).
        case key
        /// Leaf and intermediates (`smtpd_tls_cert_file`).
        case certificate
        /// The intermediates alone (`smtpd_tls_CAfile`).
        case intermediates
        /// A Dovecot configuration file whose ssl lines change.
        case dovecotConfig
        /// Dovecot's key (`ssl_key`, 2.4 `ssl_server_key_file`).
        case dovecotKey
        /// Dovecot's leaf and intermediates (`ssl_cert`, 2.4 `ssl_server_cert_file`).
        case dovecotCertificate
        /// An SNI map entry's keys and chains (0600).
        case sniChain
        /// An SNI map's source file (`postmap -F` builds its database).
        case sniMap
    }

    /// What the file is for, e.g. `main.cf` or `key and chain (smtpd_tls_chain_files)`.
    public let purpose: String
    /// What the file is to Postfix.
    public let role: Role
    public let path: String
    public let content: Content
    /// Permission bits to write.
    public let mode: mode_t
    /// True when the file must be owned by root (key files).
    public let ownedByRoot: Bool
    /// True when the file exists now.
    public let exists: Bool
    /// False when the file already has exactly this content, mode and owner.
    public let changes: Bool
    /// A unified diff (config files) or a summary that never shows key material.
    public let diff: String
    /// Which version of the file the plan was made from (nil: it did not exist, or the
    /// file system cannot say). A change applies only while the file is still that one.
    public let basis: FileStatus.Identity?

    /// True for main.cf, master.cf and Dovecot's configuration files.
    public var isConfig: Bool { role == .mainConfig || role == .masterConfig || role == .dovecotConfig || role == .sniMap }

    /// The content of a file that holds no key (a config file); empty for a key file.
    var textContent: [UInt8] { if case .text(let bytes) = content { bytes } else { [] } }

    /// True when the content holds a private key.
    public var isSecret: Bool { if case .secret = content { true } else { false } }

    /// Writes the content to `destination` (its own path unless staging elsewhere).
    public func write(using writer: AtomicFileWriter, to destination: String? = nil, mode: mode_t? = nil,
                      owner: (uid: uid_t, gid: gid_t)? = nil) throws(AtomicFileWriter.Failure) {
        switch content {
        case .text(let bytes): try writer.write(bytes, to: destination ?? path, mode: mode ?? self.mode, owner: owner)
        case .secret(let secret): try writer.write(secret, to: destination ?? path, mode: mode ?? self.mode, owner: owner)
        }
    }

    /// Stages the content beside its own path (see `AtomicFileWriter.stage`).
    public func stage(using writer: AtomicFileWriter, owner: (uid: uid_t, gid: gid_t)?) throws(AtomicFileWriter.Failure) -> StagedFile {
        switch content {
        case .text(let bytes): try writer.stage(bytes, to: path, mode: mode, owner: owner)
        case .secret(let secret): try writer.stage(secret, to: path, mode: mode, owner: owner)
        }
    }

    /// Builds a planned file, comparing with what `fileSystem` holds at `path`.
    /// `current` is the file's bytes when the caller has just read them (main.cf, master.cf):
    /// a large file is then not read again.
    /// `seen` is the file's status from before the caller read `current`.
    static func make(purpose: String, role: Role, path: String, content: Content, mode: mode_t, ownedByRoot: Bool,
                     fileSystem: FileSystem, current: [UInt8]? = nil, seen: FileStatus?? = nil,
                     diff: (_ old: [UInt8]?) -> String) -> PlannedFile {
        let status: FileStatus? = if let seen { seen } else { try? fileSystem.status(of: path) }
        let old = status.flatMap { $0.kind == .regular ? (current ?? (try? fileSystem.readFile(path, limit: 64 << 20))) : nil }
        var same = false
        if let old, let status {
            let bytesEqual: Bool = switch content {
            case .text(let bytes): bytes == old
            case .secret(let secret): secret.holds(old)
            }
            same = bytesEqual && status.permissions == UInt32(mode) && (!ownedByRoot || status.ownerID == 0)
        }
        // For secret files the old bytes are only compared, never kept or shown.
        let shownOld: [UInt8]? = if case .secret = content { nil } else { old }
        return PlannedFile(purpose: purpose, role: role, path: path, content: content, mode: mode, ownedByRoot: ownedByRoot,
                           exists: status != nil, changes: !same, diff: same ? "" : diff(shownOld), basis: status?.identity)
    }
}
