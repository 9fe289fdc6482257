/// What the installed Postfix is and supports, asked of Postfix itself.
///
/// When Postfix is not installed, `version` is nil and the built-in defaults
/// and table types stand in.
public struct PostfixInstallation: Sendable {
    /// The configuration directory (`-c DIR`), e.g. /etc/postfix.
    public let configDirectory: String
    /// Where Postfix's configuration is unless the command line says otherwise.
    public static let standardConfigDirectory = "/etc/postfix"
    /// `mail_version` from `postconf -d`, nil when Postfix is not installed.
    public var version: PostfixVersion? { facts.value.version }
    /// Parameter defaults (`postconf -d`, else pftls' table).
    public var defaults: PostfixDefaults { facts.value.defaults }
    private var facts: AskedOnce<Facts>
    private var tables: AskedOnce<[String]>
    private var running: AskedOnce<MasterStatus>
    private var query: AskedOnce<ConfigQuery>

    /// What `postconf -d` tells: the version and the defaults.
    private struct Facts: Sendable {
        let version: PostfixVersion?
        let defaults: PostfixDefaults
    }

    /// Lookup table types this build supports (`postconf -m`).
    public var tableTypes: [String] { version == nil ? ["btree", "hash"] : tables.value }
    /// True when the instance runs: `postfix status`, asked when first needed (never for
    /// the demo's sandbox, `DemoSandboxSeal`), or when it cannot read the configuration,
    /// the master's pid file under the queue directory `setup` names.
    public func isRunning(with setup: TLSSetupInForce?) -> Bool {
        running.value.isRunning(queueDirectory: setup?.queueDirectory ?? TLSSetupInForce.standardQueueDirectory)
    }
    /// myhostname, the mail domains and postconf's complaints (`ConfigQuery`).
    public var configured: ConfigQuery { version == nil ? .unasked : query.value }

    /// Creates a description by hand (tests, previews).
    public init(configDirectory: String, version: PostfixVersion?, tableTypes: [String], defaults: PostfixDefaults, isRunning: Bool,
                configured: ConfigQuery = .unasked) {
        self.configDirectory = configDirectory
        facts = AskedOnce(answered: Facts(version: version, defaults: defaults))
        tables = AskedOnce(answered: tableTypes)
        running = AskedOnce(answered: isRunning ? .running : .stopped)
        query = AskedOnce(answered: configured)
    }

    /// Asks Postfix about the instance in `configDirectory`, on other threads while the
    /// caller goes on: `postconf -d` (it does not read main.cf, and it gives
    /// `mail_version`), the configured values (`ConfigQuery`) and the table types. Whether
    /// Postfix runs is asked the first time it is needed. Each question is put only once,
    /// and reading an answer waits for it.
    public static func detect(configDirectory: String, processes: ProcessRunner) -> PostfixInstallation {
        var installation = PostfixInstallation(configDirectory: configDirectory, version: nil, tableTypes: [], defaults: .builtIn, isRunning: false)
        let facts = AskedOnce.startingNow {
            let defaults = PostfixDefaults.load(using: processes)
            return Facts(version: defaults.source == .postconf ? defaults["mail_version"].flatMap(PostfixVersion.init(parsing:)) : nil,
                         defaults: defaults)
        }
        installation.facts = facts
        installation.query = AskedOnce.startingNow { ConfigQuery.ask(configDirectory: configDirectory, processes: processes) }
        installation.tables = AskedOnce.startingNow { tableTypes(processes) }
        // The demo's sandbox is never run: its status is not even asked (nor its listeners probed).
        installation.running = AskedOnce {
            facts.value.version == nil || DemoSandboxSeal.isSealed(configDirectory) ? .stopped
                : MasterStatus.ask(configDirectory: configDirectory, processes: processes)
        }
        return installation
    }

    /// `postconf -m`, asked of an empty configuration: the table types are the build's,
    /// and postconf would otherwise read the whole main.cf first.
    private static func tableTypes(_ processes: ProcessRunner) -> [String] {
        var template = Array(((ProcessEnvironment.value("TMPDIR") ?? "/tmp") + "/pftls-postconf-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return ["btree", "hash"] }
        let directory = String(cString: created)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/main.cf", contents: Data())
        // postconf waits for a main.cf written in the last seconds to settle.
        ConfigFileAge.dateBack([directory + "/main.cf"])
        guard let result = try? processes.run("postconf", ["-c", directory, "-m"]), result.status == 0 else { return ["btree", "hash"] }
        return result.output.split(separator: "\n").map { $0.trimmingBlanks() }
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

import FoundationEssentials
import Glibc
