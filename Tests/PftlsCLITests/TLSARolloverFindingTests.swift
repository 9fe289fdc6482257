import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `tlsa-rollover` is a finding like the others: in the text report it is listed and
/// counted, in `--json` it is among the findings; on a renewal to a new key, on a real Postfix.
@Suite(.serialized, .tags(.endToEnd)) struct TLSARolloverFindingTests {
    let serving: ServingPostfix

    init() throws { serving = try ServingPostfix() }

    private func renew(_ extra: [String]) throws -> Pftls.Result {
        let fixtures = serving.fixtures
        return try Pftls.run(["renew", "--config-dir", serving.postfix.configDirectory, "--key", fixtures.path("b.key"),
                              "--cert", fixtures.path("b.pem"), "--chain", fixtures.path("intermediate.pem")] + extra)
    }

    @Test func aNewKeyIsATLSARolloverFindingCountedAndInJSON() throws {
        let leaf = try serving.fixtures.issueLeaf("b")
        let text = try renew(["--dry-run"])
        #expect(text.status == 0, "\(text.all)")
        let record = "3 1 1 " + Hex.lowercase(leaf.subjectPublicKeyInfoSHA256)
        #expect(text.standardOutput.contains("[tlsa-rollover]") && text.standardOutput.contains(record), "\(text.standardOutput)")

        let json = try renew(["--dry-run", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any], "\(json.all)")
        let findings = (object["findings"] as? [[String: Any]]) ?? []
        #expect(findings.contains { $0["code"] as? String == "tlsa-rollover" && $0["severity"] as? String == "warning"
            && ($0["message"] as? String)?.contains(record) == true }, "\(findings)")
    }
}
