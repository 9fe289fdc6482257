import Foundation
import Testing
import PftlsTestSupport

/// Hostile answers input is refused quickly and the same way from a file and from
/// standard input: deep nesting, and input past the size limit.
@Suite(.tags(.endToEnd)) struct AnswersInputBoundsTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "pftls-answers-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    private func apply(stdin: String) -> Shell.Result {
        Shell.run(Pftls.executable, ["apply", "--answers", "-", "--config-dir", directory, "--dry-run"], input: stdin)
    }

    @Test func deeplyNestedAnswersAreRefusedAtOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let deep = String(repeating: "[", count: 509) + String(repeating: "]", count: 509)
        let text = "{\"services\": " + deep + String(repeating: " ", count: 10_000 - deep.count) + "}"
        let file = directory + "/deep.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let started = Date()
        let result = try Pftls.run(["apply", "--answers", file, "--config-dir", directory, "--dry-run"])
        #expect(Date().timeIntervalSince(started) < 2, "refused without decoding 509 levels")
        #expect(result.status == 2 && result.standardError.contains(file) && result.standardError.contains("510 levels"), "\(result.all)")
        let piped = apply(stdin: text)
        #expect(piped.status == 2 && piped.error.contains("standard input") && piped.error.contains("510 levels"), "\(piped.all)")
    }

    @Test func inputPastTheLimitIsRefusedFromStandardInputAsFromAFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Valid JSON whose first megabyte is a complete document: cut there, it would be read.
        let padding = String(repeating: " ", count: 1 << 20)
        let text = "{\"certificateDirectory\": \"/etc/postfix/tls\"}" + padding + "\n"
        let file = directory + "/big.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try Pftls.run(["apply", "--answers", file, "--config-dir", directory, "--dry-run"])
        #expect(fromFile.status == 2 && fromFile.standardError.contains("limit"), "\(fromFile.all)")
        let piped = apply(stdin: text)
        #expect(piped.status == 2 && piped.error.contains("standard input") && piped.error.contains("limit"), "\(piped.all)")
        #expect(!piped.error.contains("required"), "not read as a cut-off document: \(piped.error)")
    }
}
