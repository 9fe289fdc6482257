/// Which Dovecot a change covers, and whether it was asked for.
///
/// Asked for: `--dovecot`, `--dovecot-config FILE`, or the answers' `"dovecot"`. Not asked:
/// Dovecot's own configuration beside Postfix's own (/etc/postfix), which the change then
/// covers only when Dovecot serves the files or the names Postfix serves. A Postfix in
/// another directory (a second instance, a test's) is never paired with the system's
/// Dovecot unless asked: pftls cannot know they belong together.
public struct DovecotRequest: Equatable, Sendable {
    /// The configuration file (`doveconf -c`).
    public let configFile: String
    /// True when the user asked for Dovecot: a problem with it is then an error.
    public let asked: Bool

    /// Creates a request.
    public init(configFile: String, asked: Bool) {
        self.configFile = configFile
        self.asked = asked
    }

    /// Resolves the command line (`flag`: `--dovecot` true, `--no-dovecot` false;
    /// `configFile`: `--dovecot-config`) and the answers' choice. nil: leave Dovecot alone.
    public static func resolve(flag: Bool?, configFile: String?, answers: Answers.DovecotChoice?,
                               postfixConfigDirectory: String) -> DovecotRequest? {
        if flag == false { return nil }
        if let configFile { return DovecotRequest(configFile: configFile, asked: true) }
        if let answers {
            guard answers.included || flag == true else { return nil }
            return DovecotRequest(configFile: answers.configFile ?? DovecotInstallation.standardConfigFile, asked: true)
        }
        if flag == true { return DovecotRequest(configFile: DovecotInstallation.standardConfigFile, asked: true) }
        let standard = postfixConfigDirectory.trimming(while: { $0 == "/" }) == "etc/postfix"
        return standard ? DovecotRequest(configFile: DovecotInstallation.standardConfigFile, asked: false) : nil
    }

    /// Dovecot as its tools describe it now: nil when it is not installed.
    public func read(processes: ProcessRunner) -> DovecotSituation {
        DovecotSituation(request: self, read: DovecotInstallation.read(configFile: configFile, processes: processes))
    }
}

/// A request and what reading Dovecot gave.
public struct DovecotSituation: Sendable {
    public let request: DovecotRequest
    /// nil: Dovecot is not installed.
    public let read: Result<DovecotInstallation, DovecotInstallation.ReadFailure>?

    /// Creates a situation (tests).
    public init(request: DovecotRequest, read: Result<DovecotInstallation, DovecotInstallation.ReadFailure>?) {
        self.request = request
        self.read = read
    }
}
