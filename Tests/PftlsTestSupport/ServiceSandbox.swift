import Foundation

/// A systemd service unit's `[Service]` settings, and its program run in the sandbox they
/// ask for, rebuilt without systemd (PID 1 here is not systemd): a mount and PID namespace
/// (`unshare`) in which the whole tree but /dev, /proc and /sys is read-only
/// (`ProtectSystem=strict`) except `ReadWritePaths=`, /tmp and /var/tmp are fresh and empty
/// (`PrivateTmp=`), /home, /root and /run/user are empty (`ProtectHome=`), the program runs
/// with no_new_privs (`NoNewPrivileges=`, so set-gid postdrop gets no group) in systemd's
/// clean environment, and it and every process it started are killed after
/// `TimeoutStartSec=`, as systemd kills the unit's cgroup.
package struct ServiceSandbox {
    /// The `[Service]` settings, in file order (a key may come more than once).
    package private(set) var settings: [(key: String, value: String)]

    /// The settings this emulation carries out or that do not change the sandbox. A unit with
    /// any other is refused, so that a new sandboxing option cannot go untested.
    package static let understood: Set<String> = ["Type", "EnvironmentFile", "ExecStart", "TimeoutStartSec", "ProtectSystem",
                                          "ReadWritePaths", "ProtectHome", "PrivateTmp", "NoNewPrivileges"]

    /// systemd's PATH for services (Debian 12, systemd 252).
    package static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// Reads the `[Service]` section of the unit file at `path`.
    package init(unitFile path: String) throws {
        var section = ""
        settings = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix(";") { continue }
            if text.hasPrefix("[") { section = text; continue }
            guard section == "[Service]", let equals = text.firstIndex(of: "=") else { continue }
            settings.append((String(text[..<equals]).trimmingCharacters(in: .whitespaces),
                             String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)))
        }
        if let unknown = settings.first(where: { !Self.understood.contains($0.key) }) {
            throw Shell.Failure(description: "ServiceSandbox does not emulate \(unknown.key)=: teach it before the unit uses it")
        }
    }

    /// The values given for `key`; an empty assignment resets the list, as in systemd.
    package func values(_ key: String) -> [String] {
        settings.filter { $0.key == key }.reduce(into: []) { list, setting in
            if setting.value.isEmpty { list = [] } else { list.append(setting.value) }
        }
    }

    /// The same unit without any `key=` line.
    package func without(_ key: String) -> ServiceSandbox {
        var copy = self
        copy.settings.removeAll { $0.key == key }
        return copy
    }

    /// `ReadWritePaths=`: space-separated paths; `-` in front means "ignored when missing".
    package var readWritePaths: [(path: String, optional: Bool)] {
        values("ReadWritePaths").flatMap { $0.split(separator: " ").map(String.init) }.map { word in
            word.hasPrefix("-") ? (String(word.dropFirst()), true) : (word, false)
        }
    }

    /// `TimeoutStartSec=` in seconds (systemd's default, 90, when not set; nil for infinity).
    package func timeoutStartSeconds() throws -> Double? {
        guard let value = values("TimeoutStartSec").last else { return 90 }
        return try Self.seconds(value)
    }

    /// A systemd time span ("5min", "90", "1min 30s") in seconds; nil for "infinity".
    package static func seconds(_ span: String) throws -> Double? {
        if span == "infinity" { return nil }
        let units: [String: Double] = ["us": 1e-6, "ms": 1e-3, "": 1, "s": 1, "sec": 1, "second": 1, "seconds": 1,
                                       "m": 60, "min": 60, "minute": 60, "minutes": 60, "h": 3600, "hr": 3600,
                                       "hour": 3600, "hours": 3600, "d": 86400, "day": 86400, "days": 86400]
        var total = 0.0
        let scanner = Scanner(string: span)
        while !scanner.isAtEnd {
            guard let number = scanner.scanDouble(), let factor = units[scanner.scanCharacters(from: .letters) ?? ""] else {
                throw Shell.Failure(description: "not a systemd time span: \(span)")
            }
            total += number * factor
        }
        return total
    }

    /// Whether a boolean setting is on.
    private func isOn(_ key: String) -> Bool { ["yes", "true", "on", "1"].contains(values(key).last ?? "no") }

    /// Reads an `EnvironmentFile=` as systemd does: `KEY=value` lines, quotes taken off.
    package static func environment(file path: String) throws -> [String: String] {
        var environment: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            var value = String(text[text.index(after: equals)...])
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            environment[String(text[..<equals])] = value
        }
        return environment
    }

    /// Runs `program` (the unit's ExecStart) in the sandbox. `standIns` are bind-mounted first
    /// (`source` over `target`), so that test files stand in for system paths before the
    /// sandbox applies to them. At most `cap` seconds (less than `TimeoutStartSec=` keeps tests short).
    package func run(_ program: String, environment: [String: String], standIns: [(source: String, target: String)],
             cap: Double) throws -> Shell.Result {
        var lines = ["set -e", "cd /"]
        for (source, target) in standIns { lines.append("mount --bind \(Self.quoted(source)) \(Self.quoted(target))") }
        switch values("ProtectSystem").last ?? "no" {
        case "strict":
            let mountPoints = Self.mountPoints().filter { point in
                !["/dev", "/proc", "/sys"].contains { point == $0 || point.hasPrefix($0 + "/") }
            }
            for point in Set(mountPoints + standIns.map(\.target)).sorted() {
                lines.append("mount -o remount,bind,ro \(Self.quoted(point))")
            }
        case "no", "false": break
        case let other: throw Shell.Failure(description: "ServiceSandbox does not emulate ProtectSystem=\(other)")
        }
        switch values("ProtectHome").last ?? "no" {
        case "yes", "true":
            for directory in ["/home", "/root", "/run/user"] where FileManager.default.fileExists(atPath: directory) {
                lines.append("mount -t tmpfs -o ro,mode=000 tmpfs \(directory)")
            }
        case "no", "false": break
        case let other: throw Shell.Failure(description: "ServiceSandbox does not emulate ProtectHome=\(other)")
        }
        if isOn("PrivateTmp") {
            lines += ["mount -t tmpfs -o mode=1777 tmpfs /tmp", "mount -t tmpfs -o mode=1777 tmpfs /var/tmp"]
        }
        for (path, optional) in readWritePaths {
            let writable = "mount --bind \(Self.quoted(path)) \(Self.quoted(path)); mount -o remount,bind,rw \(Self.quoted(path))"
            // A missing path that is not optional fails the unit (status 226/NAMESPACE).
            lines.append(optional ? "if [ -e \(Self.quoted(path)) ]; then \(writable); fi" : writable)
        }
        let variables = ["PATH": Self.path].merging(environment) { $1 }.sorted { $0.key < $1.key }
            .map { Self.quoted($0.key + "=" + $0.value) }.joined(separator: " ")
        let privileges = isOn("NoNewPrivileges") ? "setpriv --no-new-privs -- " : ""
        lines.append("exec env -i \(variables) \(privileges)\(Self.quoted(program)) </dev/null")
        let seconds = min(try timeoutStartSeconds() ?? cap, cap)
        // The program is PID 1 of its own PID namespace: when unshare is killed, the kernel
        // kills every process in it, as systemd kills the whole cgroup.
        return Shell.run("timeout", ["-k", "5", String(seconds), "unshare", "--mount", "--propagation", "private", "--pid", "--fork",
                                     "--kill-child", "/bin/sh", "-c", lines.joined(separator: "\n")])
    }

    /// Every mount point of this process's mount namespace, octal escapes (\040) decoded.
    package static func mountPoints() -> [String] {
        let table = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            var bytes: [UInt8] = []
            var rest = Substring(fields[4]).utf8[...]
            while let byte = rest.first {
                if byte == UInt8(ascii: "\\"), rest.count >= 4, let value = UInt8(String(decoding: rest.dropFirst().prefix(3), as: UTF8.self), radix: 8) {
                    bytes.append(value)
                    rest = rest.dropFirst(4)
                } else {
                    bytes.append(byte)
                    rest = rest.dropFirst()
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// `text` as one word for /bin/sh.
    package static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
