import Foundation
import Testing
import PftlsTestSupport

/// A configuration that cannot be read, said the same way by every command: the file,
/// the system's reason, the fix, a stable code (also under `code` in JSON), and a
/// non-zero exit. `--config-dir` is one option with one help text.
@Suite(.tags(.endToEnd)) final class ConfigReadErrorTests {
    let root: String
    var missing: String { root + "/no-such-directory" }

    init() throws {
        root = NSTemporaryDirectory() + "/pftls-config-read-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The two lines of a coded error: `SPEAKER: ERROR [CODE] REASON` and the fix.
    private func expectCodedError(_ result: Pftls.Result, speaker: String, code: String, file: String, problem: String, fix: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.all)", sourceLocation: sourceLocation)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(speaker): ERROR [\(code)] cannot read \(file): \(problem)", "\(result.all)", sourceLocation: sourceLocation)
        #expect(lines.dropFirst().first?.hasPrefix("  fix: ") == true && lines.dropFirst().first?.contains(fix) == true,
                "\(result.all)", sourceLocation: sourceLocation)
    }

    @Test func renewNamesTheFileTheProblemAndTheFix() throws {
        let renew = try Pftls.run(["renew", "--config-dir", missing, "--cert", root + "/new.pem"])
        expectCodedError(renew, speaker: "pftls renew", code: "config-not-found", file: missing + "/main.cf",
                         problem: "No such file or directory (open)", fix: "Point --config-dir at the Postfix configuration directory")
        #expect(renew.standardOutput.isEmpty, "\(renew.all)")
    }

    @Test func renewAsJSONGivesTheCodeAndTheReason() throws {
        let renew = try Pftls.run(["renew", "--config-dir", missing, "--cert", root + "/new.pem", "--json"])
        #expect(renew.status == 1, "\(renew.all)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(renew.standardOutput.utf8)) as? [String: Any], "\(renew.all)")
        #expect(object["ok"] as? Bool == false && object["changed"] as? Bool == false)
        #expect(object["code"] as? String == "config-not-found", "\(object)")
        #expect(object["error"] as? String == "cannot read \(missing)/main.cf: No such file or directory (open)", "\(object)")
    }

    @Test func renewWithNothingToRenewSaysSo() throws {
        let configDirectory = root + "/conf"
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        for name in ["main.cf", "master.cf"] { try Data().write(to: URL(fileURLWithPath: configDirectory + "/" + name)) }
        let renew = try Pftls.run(["renew", "--config-dir", configDirectory, "--cert", root + "/new.pem"])
        #expect(renew.status == 1, "\(renew.all)")
        #expect(renew.standardError.hasPrefix("pftls renew: ERROR [nothing-to-renew] TLS is not set up in \(configDirectory)/main.cf"),
                "\(renew.all)")
        #expect(renew.standardError.contains("fix: Use `pftls apply` or the wizard first."), "\(renew.all)")
    }

    @Test func checkReportsTheSameWordsAsAnUnreadableFinding() throws {
        let check = try Pftls.run(["check", "--config-dir", missing, "--no-probe"])
        #expect(check.status == 1, "\(check.all)")
        #expect(check.standardOutput.contains("ERROR [unreadable] cannot read \(missing)/main.cf: No such file or directory (open)"),
                "\(check.all)")
        #expect(check.standardOutput.contains("fix: Point --config-dir at the Postfix configuration directory"), "\(check.all)")
    }

    @Test func aDirectoryGivenAsAFileIsNotADirectory() throws {
        let file = root + "/main.cf"
        try Data("myhostname = a.example\n".utf8).write(to: URL(fileURLWithPath: file))
        let renew = try Pftls.run(["renew", "--config-dir", file, "--cert", root + "/new.pem"])
        expectCodedError(renew, speaker: "pftls renew", code: "config-not-found", file: file + "/main.cf",
                         problem: "Not a directory (open)", fix: "--config-dir")
    }

    @Test func csrReusingTheKeyInUseSaysTheCodedErrorAtTheTop() throws {
        let csr = try Pftls.run(["csr", "--reuse-key", "--name", "mail.example.test", "--out", root, "--config-dir", missing])
        expectCodedError(csr, speaker: "pftls", code: "config-not-found", file: missing + "/main.cf",
                         problem: "No such file or directory (open)", fix: "--config-dir")
    }

    @Test func theCodeStaysAndTheWordsFollowTheLanguage() throws {
        let renew = try Pftls.run(["--lang", "ja", "renew", "--config-dir", missing, "--cert", root + "/new.pem"])
        #expect(renew.status == 1, "\(renew.all)")
        #expect(renew.standardError.hasPrefix("pftls renew: エラー [config-not-found] \(missing)/main.cf を読み取れません："), "\(renew.all)")
        #expect(renew.standardError.contains("対処：--config-dir に"), "\(renew.all)")
    }

    @Test func configDirIsOneOptionWithOneHelpText() throws {
        for command in ["wizard", "csr", "apply", "check", "renew"] {
            let help = try Pftls.run([command, "--help"])
            let line = help.standardOutput.split(separator: "\n").first { $0.hasPrefix("  --config-dir <DIR>") }
            #expect(line?.contains("The Postfix configuration directory.") == true, "\(command): \(help.standardOutput)")
        }
    }
}
