import Glibc

/// A Dovecot instance as its own tools describe it: `doveconf -n -P` for the TLS
/// settings (the `-P` shows the key path 2.3 hides; nothing else it shows is kept),
/// `doveconf service/… listen protocols` for the listeners.
public struct DovecotInstallation: Equatable, Sendable {
    /// The file Dovecot reads unless told otherwise.
    public static let standardConfigFile = "/etc/dovecot/dovecot.conf"

    /// The configuration file (`doveconf -c FILE`).
    public let configFile: String
    /// What the configuration says about TLS.
    public let settings: DovecotTLSSettings
    /// The listeners that serve TLS, when the settings offer it.
    public let listeners: [DovecotListener]
    /// `base_dir`, where the running master keeps `master.pid`.
    public let baseDirectory: String

    /// Creates a description by hand (tests).
    public init(configFile: String, settings: DovecotTLSSettings, listeners: [DovecotListener], baseDirectory: String = "/run/dovecot") {
        self.configFile = configFile
        self.settings = settings
        self.listeners = listeners
        self.baseDirectory = baseDirectory
    }

    /// True when the master named in `base_dir/master.pid` is alive.
    public var isRunning: Bool {
        guard let bytes = try? LocalFileSystem().readFile(baseDirectory + "/master.pid", limit: 64),
              let pid = Int32(String(decoding: bytes, as: UTF8.self).trimmingWhitespace()), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Why Dovecot's configuration could not be read.
    public struct ReadFailure: Error, Equatable, Sendable {
        /// The configuration file.
        public let configFile: String
        /// What doveconf said (escaped), or why it could not run.
        public let reason: String
        /// The setting doveconf did not know (`ssl_cert` under 2.4), when that was the reason.
        public let unknownSetting: String?
    }

    /// Reads the instance at `configFile`: nil when Dovecot is not installed (no doveconf).
    public static func read(configFile: String, processes: ProcessRunner) -> Result<DovecotInstallation, ReadFailure>? {
        let settingsRun: ProcessResult?
        let listenersRun: ProcessResult?
        do {
            settingsRun = try processes.run("doveconf", ["-c", configFile, "-n", "-P"])
            listenersRun = try processes.run("doveconf", ["-c", configFile] + DovecotListener.doveconfFilters)
        } catch {
            return .failure(ReadFailure(configFile: configFile, reason: SafeText.escape("\(error)"), unknownSetting: nil))
        }
        guard let settingsRun, let listenersRun else { return nil }
        for run in [settingsRun, listenersRun] where run.status != 0 {
            let said = run.errorOutput.trimmingWhitespace()
            return .failure(ReadFailure(configFile: configFile, reason: SafeText.escape(said.isEmpty ? "doveconf exit \(run.status)" : said),
                                        unknownSetting: unknownSetting(in: said)))
        }
        guard let settings = DovecotTLSSettings(doveconf: settingsRun.output) else {
            return .failure(ReadFailure(configFile: configFile, reason: Catalog.text("dovecot.read.no-header"), unknownSetting: nil))
        }
        let listeners = settings.offersTLS ? DovecotListener.listeners(in: listenersRun.output) : []
        let baseDirectory = DovecotConfigOutput.parse(listenersRun.output).value("base_dir").flatMap { $0.isEmpty ? nil : $0 } ?? "/run/dovecot"
        return .success(DovecotInstallation(configFile: configFile, settings: settings, listeners: listeners, baseDirectory: baseDirectory))
    }

    /// `ssl_cert` in `…: ssl_cert: Unknown setting: ssl_cert`.
    static func unknownSetting(in message: String) -> String? {
        guard let range = message.firstRange(of: "Unknown setting: ") else { return nil }
        let name = message[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }
}
