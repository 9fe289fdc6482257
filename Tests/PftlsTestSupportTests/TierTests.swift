import Foundation
import Testing
import PftlsTestSupport

/// The fast tier stays fast: every suite that starts Postfix, Dovecot, tmux, dnsmasq or the binary is
/// tagged `.endToEnd` and lives in the end-to-end target, the one test target `Scripts/test`
/// leaves out of the fast tier and runs alone for the end-to-end one.
@Suite struct TierTests {
    /// The Swift files of test target `target`.
    private static func sources(of target: String) throws -> [(name: String, text: String)] {
        let directory = Repository.path("Tests/" + target)
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOfFile: directory + "/" + $0, encoding: .utf8))
        }
    }

    /// The test targets besides the end-to-end one.
    private static var fastTargets: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: Repository.path("Tests"))
                .filter { $0.hasSuffix("Tests") && $0 != EndToEnd.target }.sorted()
        }
    }

    /// Each top-level declaration of `text` that holds tests, with the attributes written before it.
    private static func suites(in text: String) -> [String] {
        var declarations: [String] = []
        var current = ""
        var attributesOnly = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let startsDeclaration = !(line.first?.isWhitespace ?? true) && !line.hasPrefix("}") && !line.hasPrefix("//")
            if startsDeclaration && !attributesOnly {
                declarations.append(current)
                current = ""
            }
            if startsDeclaration { attributesOnly = line.hasPrefix("@") && !line.contains("{") }
            current += line + "\n"
        }
        declarations.append(current)
        return declarations.filter { $0.contains("@Test") }
    }

    @Test func everySuiteOfTheEndToEndTargetIsTagged() throws {
        var untagged: [String] = []
        for (name, text) in try Self.sources(of: EndToEnd.target) {
            for suite in Self.suites(in: text) {
                let header = suite.prefix { $0 != "{" }
                if !(header.contains("@Suite(") && header.contains(".tags(.endToEnd)")) { untagged.append("\(name): \(header)") }
            }
        }
        #expect(untagged.isEmpty, "\(untagged)")
    }

    @Test func noFastTargetStartsAProgramOrCarriesTheTag() throws {
        let starters = ["ThrowawayPostfix", "ThrowawayDovecot", "ServingPostfix", "CorpusInstance", "TmuxSession", "LocalDNSServer", "Pftls.run", "Spawn.", ".endToEnd"]
        var found: [String] = []
        for target in try Self.fastTargets {
            for (name, text) in try Self.sources(of: target) where name != "TierTests.swift" {
                found += starters.filter(text.contains).map { "\(target)/\(name): \($0)" }
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func theScriptRunsEachTierByItsTargets() throws {
        let script = try String(contentsOfFile: Repository.path("Scripts/test"), encoding: .utf8)
        #expect(script.contains("end_to_end_target=\(EndToEnd.target)\n"), "\(script)")
        #expect(script.contains("fast_targets='\(try Self.fastTargets.joined(separator: "|"))'\n"), "every other test target: \(script)")
        #expect(script.contains(#"fast) shift; set -- --skip "^$end_to_end_target\." "$@" ;;"#))
        #expect(script.contains(#"end-to-end) shift; set -- --skip "^($fast_targets)\." "$@" ;;"#))
    }

    @Test func onlyATaggedTestOfTheEndToEndTargetMayStartAProgram() {
        #expect(EndToEnd.refusal(starting: "tmux", tags: [.endToEnd], module: EndToEnd.target) == nil)
        let untagged = EndToEnd.refusal(starting: "tmux", tags: [], module: EndToEnd.target)
        #expect(untagged?.contains("without the .endToEnd tag") == true, "\(untagged ?? "")")
        let elsewhere = EndToEnd.refusal(starting: "tmux", tags: [.endToEnd], module: "PftlsCoreTests")
        #expect(elsewhere?.contains("belong in \(EndToEnd.target)") == true, "\(elsewhere ?? "")")
    }

    /// The guard as it sees a running test of a fast target: no tag, another module, refused.
    @Test func aRunningFastTestWouldBeRefused() {
        #expect(Test.current?.tags.isEmpty == true)
        #expect(EndToEnd.refusal(starting: "tmux", tags: Test.current?.tags ?? [], module: Test.current?.id.moduleName ?? "") != nil,
                "a fast test would be refused")
    }
}
