/// What the installed Postfix is and supports, asked of Postfix itself.
///
/// When Postfix is not installed, `version` is nil and the built-in defaults
/// and table types stand in.
public struct PostfixInstallation: Sendable {
    /// The configuration directory (`-c DIR`), e.g. /etc/postfix.
    public let configDirectory: String
    /// `mail_version` from `postconf -d`, nil when Postfix is not installed.
    public let version: PostfixVersion?
    /// Parameter defaults (`postconf -d`, else pftls' table).
    public let defaults: PostfixDefaults
    private var tables: AskedOnce<[String]>
    private var running: AskedOnce<Bool>
    private var query: AskedOnce<ConfigQuery>

    /// Lookup table types this build supports (`postconf -m`), asked when first needed.
    public var tableTypes: [String] { tables.value }
    /// True when `postfix status` says the instance runs, asked when first needed.
    public var isRunning: Bool { running.value }
    /// myhostname, the mail domains and postconf's complaints (`ConfigQuery`), asked when first needed.
    public var configured: ConfigQuery { query.value }

    /// Creates a description by hand (tests, previews).
    public init(configDirectory: String, version: PostfixVersion?, tableTypes: [String], defaults: PostfixDefaults, isRunning: Bool,
                configured: ConfigQuery = .unasked) {
        self.configDirectory = configDirectory
        self.version = version
        self.defaults = defaults
        tables = AskedOnce(answered: tableTypes)
        running = AskedOnce(answered: isRunning)
        query = AskedOnce(answered: configured)
    }

    /// Asks Postfix about the instance in `configDirectory`. `postconf -d` is asked now (it
    /// does not read main.cf, and it gives `mail_version`), and the configured values are
    /// asked at once in the background; the table types and whether Postfix runs are asked
    /// the first time they are needed. Each question is put only once.
    public static func detect(configDirectory: String, processes: ProcessRunner) -> PostfixInstallation {
        let config = ["-c", configDirectory]
        // Every command that reads the configuration needs this one: postconf reads main.cf
        // on the other core while pftls asks for the defaults and reads main.cf itself.
        let query = AskedOnce.startingNow { ConfigQuery.ask(configDirectory: configDirectory, processes: processes) }
        let defaults = PostfixDefaults.load(using: processes)
        let version = defaults.source == .postconf ? defaults["mail_version"].flatMap(PostfixVersion.init(parsing:)) : nil
        var installation = PostfixInstallation(configDirectory: configDirectory, version: version, tableTypes: [], defaults: defaults, isRunning: false)
        installation.tables = AskedOnce { version == nil ? ["btree", "hash"] : tableTypes(processes) }
        installation.running = AskedOnce { version != nil && (try? processes.run("postfix", config + ["status"]))?.status == 0 }
        installation.query = version == nil ? AskedOnce(answered: .unasked) : query
        return installation
    }

    /// `postconf -m`, asked of an empty configuration: the table types are the build's,
    /// and postconf would otherwise read the whole main.cf first.
    private static func tableTypes(_ processes: ProcessRunner) -> [String] {
        var template = Array(((ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/pftls-postconf-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return ["btree", "hash"] }
        let directory = String(cString: created)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/main.cf", contents: Data())
        // postconf waits for a main.cf written in the last seconds to settle.
        ConfigFileAge.dateBack([directory + "/main.cf"])
        guard let result = try? processes.run("postconf", ["-c", directory, "-m"]), result.status == 0 else { return ["btree", "hash"] }
        return result.output.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    /// The host name the certificate should cover: myhostname as this instance sets it,
    /// else the machine's name.
    public var hostname: String? {
        let configured = configured.value("myhostname")
        return configured.isEmpty ? HostnameDefault.fullyQualifiedHostName() : configured
    }

    /// The table type for the TLS client session cache: lmdb when built in, else btree, else hash.
    public var sessionCacheTableType: String {
        ["lmdb", "btree", "hash"].first { tableTypes.contains($0) } ?? "btree"
    }

    /// True when `smtpd_tls_chain_files` may be used.
    public var supportsChainFiles: Bool { version?.supportsChainFiles ?? true }
}

import Foundation
