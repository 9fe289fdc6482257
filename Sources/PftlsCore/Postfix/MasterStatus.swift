import FoundationEssentials
import Glibc

/// Whether the Postfix master of a configuration runs. `postfix status` says so, but it
/// reads the configuration with postconf first and fails ("cannot execute postconf")
/// when main.cf or master.cf is broken, such as by pasted guide text, while the master
/// still runs on the configuration it last read. Then the master's pid file in the queue
/// directory (main.cf's `queue_directory`, else Postfix's default) is looked at.
public enum MasterStatus {
    /// True when the master for `configDirectory` runs.
    public static func isRunning(configDirectory: String, processes: ProcessRunner) -> Bool {
        guard let status = try? processes.run("postfix", ["-c", configDirectory, "status"]) else { return false }
        if status.status == 0 { return true }
        // Only when postfix-script could not read the configuration; "not running" is the answer.
        guard (status.output + status.errorOutput).contains("postconf") else { return false }
        return masterFromPidFile(configDirectory: configDirectory)
    }

    /// The pid in `$queue_directory/pid/master.pid` names a live process called master.
    static func masterFromPidFile(configDirectory: String) -> Bool {
        let files = LocalFileSystem()
        let main = (try? files.readFile(configDirectory + "/main.cf", limit: 64 << 20)).map { MainConfig(bytes: $0) }
        let queue = main?.value(of: "queue_directory").flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/var/spool/postfix"
        guard let text = try? files.readFile(queue + "/pid/master.pid", limit: 64),
              let pid = Int32(String(decoding: text, as: UTF8.self).trimmingWhitespace()), pid > 1, kill(pid, 0) == 0 else { return false }
        let name = (try? files.readFile("/proc/\(pid)/comm", limit: 64)).map { String(decoding: $0, as: UTF8.self).trimmingWhitespace() }
        return name == "master"
    }
}
