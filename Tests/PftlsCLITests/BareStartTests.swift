import Foundation
import Testing
import PftlsTestSupport

/// `pftls`, `pftls wizard` and `pftls demo` with nothing more start without the
/// argument parser (for the first frame's sake); they must answer exactly as the
/// parsed forms do.
@Suite(.tags(.endToEnd)) struct BareStartTests {
    @Test(arguments: [[], ["wizard"], ["demo"]])
    func withoutATerminalTheBareFormSaysWhatTheParsedFormSays(bare: [String]) throws {
        let parsed = bare.isEmpty ? ["wizard", "--config-dir", "/etc/postfix"] : bare + ["--lang", "en"]
        let fast = try Pftls.run(bare)
        let slow = try Pftls.run(parsed)
        #expect(fast.status == 2, "\(fast.standardError)")
        #expect(fast.status == slow.status)
        #expect(fast.standardError == slow.standardError)
        #expect(fast.standardError.contains("terminal"))
    }

    @Test func aBrokenResolverInTheEnvironmentStopsTheBareWizardAsItStopsTheParsedOne() throws {
        let environment = ["PFTLS_RESOLVER": "not-an-address"]
        let fast = try Pftls.run(["wizard"], environment: environment)
        let slow = try Pftls.run(["wizard", "--config-dir", "/etc/postfix"], environment: environment)
        #expect(fast.status == 2)
        #expect(fast.status == slow.status)
        #expect(fast.standardError == slow.standardError)
        #expect(fast.standardError.contains("not-an-address"))
        let bare = try Pftls.run([], environment: environment)
        #expect(bare.status == 2)
        #expect(bare.standardError.contains("not-an-address"))
    }
}
