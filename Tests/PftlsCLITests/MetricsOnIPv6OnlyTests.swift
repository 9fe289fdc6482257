import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The metrics of an IPv6-only host: the listener on `[::1]` is probed and counted up and
/// serving its files, and the text still passes promtool.
@Suite(.serialized, .tags(.endToEnd)) struct MetricsOnIPv6OnlyTests {
    @Test func anIPv6OnlyListenerIsProbedAndReported() throws {
        let (postfix, fixtures) = try ThrowawayPostfix.withFixtures(ipv6Only: true)
        try postfix.start()
        try fixtures.issueLeaf("a")
        let applied = try fixtures.install("a", on: postfix)
        try #require(applied.status == 0, "\(applied.all)")
        let checked = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--format", "prometheus"])
        let metrics = try PrometheusText(checked.standardOutput)
        let up = metrics.samples.filter { $0.name == "pftls_listener_up" }
        #expect(!up.isEmpty && up.allSatisfy { $0.value == 1 && $0.labels["address"]?.contains("::1") == true }, "\(up)")
        #expect(metrics.samples.contains { $0.name == "pftls_listener_serves_installed" && $0.value == 1 }, "\(checked.standardOutput)")
        if let promtool = PrometheusText.promtool(checked.standardOutput) { #expect(promtool.status == 0, "\(promtool.all)") }
    }
}
