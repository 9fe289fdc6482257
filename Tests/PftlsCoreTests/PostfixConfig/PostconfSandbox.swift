import Foundation
import Testing
import PftlsCore
import PftlsTestSupport

/// A scratch Postfix configuration directory that the real `postconf` reads with `-c`,
/// for checking that edited files mean to Postfix what the model says they mean.
struct PostconfSandbox {
    /// True when `postconf` is installed here.
    static let isAvailable = SystemProcessRunner().locate("postconf") != nil

    let directory = FixtureDirectory()

    /// Writes main.cf and master.cf into the directory.
    ///
    /// Postfix re-reads a file modified within the last second or so, sleeping 300 ms each
    /// time, in case it is still being written; the files are dated an hour back so that
    /// each postconf run takes milliseconds instead of two seconds.
    init(mainCf: String = "", masterCf: String = "") {
        let anHourAgo = Date(timeIntervalSinceNow: -3600)
        for (name, contents) in [("main.cf", mainCf), ("master.cf", masterCf)] {
            let path = directory.write(name, contents)
            try? FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: path)
        }
    }

    /// Runs `postconf -c DIR arguments...`.
    func postconf(_ arguments: String...) throws -> ProcessResult {
        try #require(try SystemProcessRunner().run("postconf", ["-c", directory.path] + arguments))
    }

    /// The settings `postconf -n` reports, without the `config_directory` that `-c` adds.
    func explicitSettings() throws -> (settings: [String: String], errors: String) {
        let result = try postconf("-n")
        var settings = PostfixDefaults.parse(postconfOutput: result.output)
        settings["config_directory"] = nil
        return (settings, result.errorOutput)
    }
}

/// A configuration file that Postfix's Debian package installs.
enum SystemConfigFile {
    /// The file's contents, or nil when it is not installed here.
    static func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// True when the file exists.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }
}

extension PostconfSandbox {
    /// The per-service overrides `postconf -P` reports, keyed by `service/type`, and its stderr.
    func serviceOverrides() throws -> (overrides: [String: [String: String]], errors: String) {
        let result = try postconf("-P")
        var overrides: [String: [String: String]] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: "/", maxSplits: 2)
            guard parts.count == 3, let equals = parts[2].range(of: " =") else { continue }
            let name = String(parts[2][..<equals.lowerBound])
            let value = parts[2][equals.upperBound...].drop(while: { $0 == " " })
            overrides["\(parts[0])/\(parts[1])", default: [:]][name] = String(value)
        }
        return (overrides, result.errorOutput)
    }

    /// The `service/type` of every service `postconf -M` reports, in order, and its stderr.
    func serviceNames() throws -> (services: [String], errors: String) {
        let result = try postconf("-M")
        let services = result.output.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return words.count >= 2 ? "\(words[0])/\(words[1])" : nil
        }
        return (services, result.errorOutput)
    }
}
