import Foundation
import Testing

/// No English sentence is built outside the catalog: every string literal of three
/// or more English words in the sources is either in the catalog or on the short
/// list below of texts that are not shown to a person (protocol text, Postfix's own
/// words that pftls looks for, the restore script's comment).
@Suite struct NoStrayEnglishTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Literals that are not user-visible text.
    static let allowed: [String] = [
        "Written by pftls: puts back the files this change replaced",  // restore.sh comment, a shell script
        "STARTTLS offered", "STARTTLS required", "implicit TLS", "no TLS",  // --json values; `label` is translated
        "EHLO pftls.probe",  // SMTP protocol
        "is not running",  // doveadm's own words, looked for in its output
        "classification is answered per file in perform(_:)",  // a precondition, said to the developer
        "# Written by pftls",
        "pftls: the message catalog",  // said when there is no usable catalog to say it with
        "may be changed by users other than root", "make it owned by root and not writable by group or others",
        "reinstall pftls.",
        "line \\(line):",  // a broken catalog table, said to the developer
        "No newline at end of file",  // unified diff syntax
        "postconf: fatal: postconf",  // stands in for Postfix's own words
        "# pftls canary:", "a temporary listener for the new certificate; removed again at once",  // master.cf comment
        "a temporary block for the new certificate; removed again at once",  // dovecot.conf comment
        // Prometheus HELP texts (CheckMetrics): a machine format in English, like JSON keys.
        "When pftls check ran", "The verdict of pftls check as", "Findings of pftls check by", "The leaf certificate's not",
        "Share of the leaf certificate's lifetime", "when the TLS handshake with the listener", "when the listener serves the leaf",
    ]

    @Test func everySentenceInTheSourcesComesFromTheCatalog() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        var stray: [String] = []
        // Literals left to right, so text between two literals is never taken for one.
        let literal = try Regex(#""((?:[^"\\]|\\.)*)""#)
        let words = try Regex(#"[a-z]{2,} [a-z]{2,} [a-z]{2,}"#)
        while let relative = enumerator.nextObject() as? String {
            // ArgumentParserText lists the library's own English phrases in order to replace them.
            guard relative.hasSuffix(".swift"), !relative.contains("/Sample/"), !relative.hasSuffix("ArgumentParserText.swift") else { continue }
            let text = try String(contentsOf: Self.sources.appendingPathComponent(relative), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") || code.hasPrefix("///") || code.hasPrefix("*") || code.hasPrefix("/*") { continue }
                for match in line.matches(of: literal) {
                    let text = String(line[match.range])
                    // Three lower-case words make a sentence; PEM labels and keys do not.
                    guard text.contains(words), !Self.allowed.contains(where: { text.contains($0) }) else { continue }
                    stray.append("\(relative):\(number + 1): \(text)")
                }
            }
        }
        #expect(stray.isEmpty, "English outside the catalog:\n\(stray.joined(separator: "\n"))")
    }

    /// A `static let` is computed once, in whichever language asks first: texts from the
    /// catalog must be computed each time (`static var { ... }`).
    @Test func noCatalogTextIsFrozenInAStaticLet() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        var frozen: [String] = []
        while let relative = enumerator.nextObject() as? String {
            // The CLI's command configurations are read once, after --lang has set the language.
            guard relative.hasSuffix(".swift"), !relative.hasPrefix("pftls/") else { continue }
            let text = try String(contentsOf: Self.sources.appendingPathComponent(relative), encoding: .utf8)
            var inStaticLet = false
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.contains("static let ") { inStaticLet = true }
                if inStaticLet && line.contains("Catalog.text(") { frozen.append("\(relative):\(number + 1)") }
                if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasSuffix("]") || line.hasSuffix(")") && !line.hasSuffix("(") { inStaticLet = false }
            }
        }
        #expect(frozen.isEmpty, "\(frozen)")
    }
}
