import Foundation
import Testing
@testable import PftlsCore

/// The catalog's keys against the code that uses them: every key the sources ask for
/// exists, every key the catalog defines is asked for, keys are descriptive and
/// placeholders named, and both languages use the same placeholders.
@Suite struct CatalogKeysTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// What the Swift sources say about catalog keys.
    struct Usage {
        /// Every string literal without interpolation.
        var literals: Set<String> = []
        /// Key-shaped literals on a line that calls `Catalog.text`.
        var asked: [String: String] = [:]
        /// `"prefix.\(…)"`: keys built at run time start with one of these.
        var prefixes: Set<String> = []
        /// `prefix + ".suffix"`: keys built at run time end with one of these.
        var suffixes: Set<String> = []

        func covers(_ key: String) -> Bool {
            literals.contains(key) || prefixes.contains { key.hasPrefix($0) } || suffixes.contains { key.hasSuffix($0) }
        }
    }

    /// The string literals of one line of Swift, each with its interpolations written `\(`,
    /// and the literals inside those interpolations too.
    struct LiteralScanner {
        let characters: [Character]
        var index = 0
        var found: [String] = []

        init(_ line: Substring) { characters = Array(line) }

        /// Code up to the `)` that closes an interpolation (or to the end of the line).
        mutating func code(inInterpolation: Bool) {
            var depth = 0
            while index < characters.count {
                let character = characters[index]
                index += 1
                if character == "\"" { literal() }
                if character == "(" { depth += 1 }
                if character == ")" {
                    if depth == 0 && inInterpolation { return }
                    depth -= 1
                }
            }
        }

        mutating func literal() {
            var value = ""
            while index < characters.count {
                let character = characters[index]
                if character == "\\", index + 1 < characters.count {
                    if characters[index + 1] == "(" {
                        value += "\\("
                        index += 2
                        code(inInterpolation: true)
                    } else {
                        value.append(character)
                        value.append(characters[index + 1])
                        index += 2
                    }
                    continue
                }
                index += 1
                if character == "\"" { break }
                value.append(character)
            }
            found.append(value)
        }

        static func literals(in line: Substring) -> [String] {
            var scanner = LiteralScanner(line)
            scanner.code(inInterpolation: false)
            return scanner.found
        }
    }

    static func usage() throws -> Usage {
        var usage = Usage()
        let keyShape = try Regex(#"^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$"#)
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") || line.contains("\"\"\"") { continue }
                let asks = line.contains("Catalog.text(")
                for value in LiteralScanner.literals(in: line) {
                    if let interpolation = value.range(of: "\\(") {
                        let prefix = String(value[..<interpolation.lowerBound])
                        if prefix.hasSuffix("."), prefix.contains(where: \.isLetter) { usage.prefixes.insert(prefix) }
                        continue
                    }
                    usage.literals.insert(value)
                    if asks, value.hasPrefix("."), value.count > 1, !value.contains(" ") { usage.suffixes.insert(value) }
                    if asks, value.wholeMatch(of: keyShape) != nil { usage.asked[value] = "\(relative):\(number + 1)" }
                }
            }
        }
        return usage
    }

    @Test func everyKeyTheSourcesAskForIsInTheCatalog() throws {
        let keys = Catalog.keys(of: .en)
        let missing = try Self.usage().asked.filter { !keys.contains($0.key) }.map { "\($0.key) (\($0.value))" }.sorted()
        #expect(missing == [], "keys used in Sources but missing from the catalog")
    }

    @Test func everyKeyInTheCatalogIsUsed() throws {
        let usage = try Self.usage()
        let unused = Catalog.keys(of: .en).filter { !usage.covers($0) }.sorted()
        #expect(unused == [], "keys defined but not used in Sources (neither as a literal nor under a built prefix)")
    }

    @Test func keysAreDescriptiveAndPlaceholdersNamed() {
        let positional = try! Regex(#"(\.text[0-9]*$)|(^[A-Z])"#)
        let keys = Catalog.keys(of: .en).union(Catalog.keys(of: .ja))
        #expect(keys.filter { $0.firstMatch(of: positional) != nil }.sorted() == [], "positional or type-named keys")
        let unnamed = keys.flatMap { key in
            Language.allCases.flatMap { language in
                Catalog.placeholders(in: Catalog.template(key, in: language) ?? "")
                    .filter { $0.wholeMatch(of: try! Regex(#"(value|rawValue)[0-9]*"#)) != nil }.map { "\(key): {\($0)}" }
            }
        }
        #expect(Set(unnamed).sorted() == [], "placeholders without a descriptive name")
    }

    @Test func bothLanguagesUseTheSamePlaceholders() {
        for key in Catalog.keys(of: .en).intersection(Catalog.keys(of: .ja)).sorted() {
            let en = Catalog.placeholders(in: Catalog.template(key, in: .en) ?? "")
            let ja = Catalog.placeholders(in: Catalog.template(key, in: .ja) ?? "")
            #expect(en == ja, "\(key): {\(en.sorted().joined(separator: "}, {"))} in English, {\(ja.sorted().joined(separator: "}, {"))} in Japanese")
        }
    }
}
