import FoundationEssentials
import Glibc

/// Whether the Postfix master of a configuration runs. `postfix status` says so, but it
/// reads the configuration with postconf first and fails ("cannot execute postconf")
/// when main.cf or master.cf is broken, such as by pasted guide text, while the master
/// still runs on the configuration it last read. Then the master's pid file in the queue
/// directory (main.cf's `queue_directory` as the set-up read it) is looked at.
public enum MasterStatus: Sendable, Equatable {
    /// `postfix status` says the master runs.
    case running
    /// `postfix status` says it does not (or Postfix cannot be run).
    case stopped
    /// postfix-script could not read the configuration: the master's pid file decides.
    case configurationUnreadable

    /// What `postfix status` says about the master of `configDirectory`.
    public static func ask(configDirectory: String, processes: ProcessRunner) -> MasterStatus {
        guard let status = try? processes.run("postfix", ["-c", configDirectory, "status"]) else { return .stopped }
        if status.status == 0 { return .running }
        // Only when postfix-script could not read the configuration; "not running" is the answer.
        return (status.output + status.errorOutput).contains("postconf") ? .configurationUnreadable : .stopped
    }

    /// True when the master runs; `queueDirectory` (`TLSSetupInForce.queueDirectory`) is
    /// asked only when postfix-script could not read the configuration.
    public func isRunning(queueDirectory: @autoclosure () -> String) -> Bool {
        switch self {
        case .running: true
        case .stopped: false
        case .configurationUnreadable: Self.masterFromPidFile(queueDirectory: queueDirectory())
        }
    }

    /// True when the master for `configDirectory` runs, asked now.
    public static func isRunning(configDirectory: String, processes: ProcessRunner, queueDirectory: @autoclosure () -> String) -> Bool {
        ask(configDirectory: configDirectory, processes: processes).isRunning(queueDirectory: queueDirectory())
    }

    /// The pid in `queueDirectory/pid/master.pid` names a live process called master.
    static func masterFromPidFile(queueDirectory: String) -> Bool {
        let files = LocalFileSystem()
        guard let text = try? files.readFile(queueDirectory + "/pid/master.pid", limit: 64),
              let pid = Int32(String(decoding: text, as: UTF8.self).trimmingWhitespace()), pid > 1, kill(pid, 0) == 0 else { return false }
        let name = (try? files.readFile("/proc/\(pid)/comm", limit: 64)).map { String(decoding: $0, as: UTF8.self).trimmingWhitespace() }
        return name == "master"
    }
}
