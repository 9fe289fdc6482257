/// What the installed Postfix is and supports, asked of Postfix itself.
///
/// When Postfix is not installed, `version` is nil and the built-in defaults
/// and table types stand in.
public struct PostfixInstallation: Sendable {
    /// The configuration directory (`-c DIR`), e.g. /etc/postfix.
    public let configDirectory: String
    /// `postconf -h mail_version`, nil when Postfix is not installed.
    public let version: PostfixVersion?
    /// Lookup table types this build supports (`postconf -m`).
    public let tableTypes: [String]
    /// Parameter defaults (`postconf -d`, else pftls' table).
    public let defaults: PostfixDefaults
    /// True when `postfix status` says the instance runs.
    public let isRunning: Bool

    /// Creates a description by hand (tests, previews).
    public init(configDirectory: String, version: PostfixVersion?, tableTypes: [String], defaults: PostfixDefaults, isRunning: Bool) {
        self.configDirectory = configDirectory
        self.version = version
        self.tableTypes = tableTypes
        self.defaults = defaults
        self.isRunning = isRunning
    }

    /// Asks Postfix about the instance in `configDirectory`: three questions, each once.
    /// The version comes with the defaults (`postconf -d` prints `mail_version`).
    public static func detect(configDirectory: String, processes: ProcessRunner) -> PostfixInstallation {
        let config = ["-c", configDirectory]
        let defaults = PostfixDefaults.load(using: processes)
        let version = defaults.source == .postconf ? defaults["mail_version"].flatMap(PostfixVersion.init(parsing:)) : nil
        let tables = version == nil ? nil : (try? processes.run("postconf", config + ["-m"]))
            .flatMap { $0.status == 0 ? $0.output.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) } : nil }
        let running = version != nil && (try? processes.run("postfix", config + ["status"]))?.status == 0
        return PostfixInstallation(configDirectory: configDirectory, version: version, tableTypes: tables ?? ["btree", "hash"],
                                   defaults: defaults, isRunning: running)
    }

    /// The table type for the TLS client session cache: lmdb when built in, else btree, else hash.
    public var sessionCacheTableType: String {
        ["lmdb", "btree", "hash"].first { tableTypes.contains($0) } ?? "btree"
    }

    /// True when `smtpd_tls_chain_files` may be used.
    public var supportsChainFiles: Bool { version?.supportsChainFiles ?? true }
}

import Foundation
