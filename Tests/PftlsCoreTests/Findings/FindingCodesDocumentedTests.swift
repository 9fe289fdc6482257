import Foundation
import Testing
import PftlsTestSupport
import PftlsCore

/// "The codes are stable; scripts may rely on them": every finding code pftls can report
/// is listed in the README, so an administrator who meets one can look it up.
struct FindingCodesDocumentedTests {
    /// Every `FindingCode = "..."` declared in the sources.
    private static func declaredCodes() throws -> Set<String> {
        var codes: Set<String> = []
        let sources = Repository.path("Sources")
        let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in text.matches(of: /FindingCode = "([a-z0-9-]+)"/) { codes.insert(String(match.1)) }
        }
        return codes
    }

    @Test func everyCodeIsInTheReadme() throws {
        let codes = try Self.declaredCodes()
        #expect(codes.count > 90, "the declarations were found: \(codes.count)")
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let missing = codes.filter { !readme.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "finding codes the README does not list: \(missing)")
    }

    /// A run's stop codes are what scripts branch on too (`--json`'s `code`).
    @Test func everyStopCodeIsInTheReadme() throws {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let missing = ApplyFailure.Code.all.map(\.description).filter { !readme.contains("`\($0)`") }
        #expect(ApplyFailure.Code.all.count == 15 && missing.isEmpty, "stop codes the README does not list: \(missing)")
    }
}
