import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The demo writes nothing outside its sandbox, however the way out is spelled.
struct DemoSandboxBoundaryTests {
    @Test func insideIsAllowedAndEveryWayOutIsRefused() throws {
        let directory = FixtureDirectory()
        let sandbox = directory.path + "/pftls-demo-x"
        try FileManager.default.createDirectory(atPath: sandbox + "/ssl", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sandbox + "/out", withDestinationPath: "/var/tmp")
        for inside in [sandbox, sandbox + "/tls", sandbox + "/ssl/private/new", sandbox + "/./tls"] {
            #expect(DemoSandboxBoundary.finding(for: inside, sandbox: sandbox) == nil, "\(inside)")
        }
        for outside in ["/etc/postfix/tls", "/tmp", sandbox + "/../tls", sandbox + "-other/tls", sandbox + "/out/tls", sandbox + "/tls/../../x"] {
            let finding = DemoSandboxBoundary.finding(for: outside, sandbox: sandbox)
            #expect(finding?.code == .demoOutsideSandbox && finding?.severity == .error, "\(outside)")
            #expect(finding?.hint.contains(sandbox + "/tls") == true, "\(outside)")
        }
    }
}
