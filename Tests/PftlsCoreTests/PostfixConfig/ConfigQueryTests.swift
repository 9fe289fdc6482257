import Testing
@testable import PftlsCore

/// One postconf question gives the configured values and the complaints of -n and -M.
@Suite struct ConfigQueryTests {
    @Test(.enabled(if: PostconfSandbox.isAvailable, "postfix is not installed"))
    func valuesEmptyOnesIncludedAndTheComplaintsOfBothFiles() {
        let sandbox = PostconfSandbox(mainCf: "myhostname = mx.example.test\nmydestination = $myhostname, other.test\nbogus_setting = 1\n",
                                      masterCf: "smtp inet n - y - - smtpd\n  -o bogus_override=2\n")
        let query = ConfigQuery.ask(configDirectory: sandbox.directory.path, processes: SystemProcessRunner())
        #expect(query.answered)
        #expect(query.value("myhostname") == "mx.example.test")
        #expect(query.value("mydestination") == "mx.example.test, other.test", "values are expanded (-x)")
        #expect(query.value("virtual_mailbox_domains") == "", "an empty value is kept in its place")
        #expect(query.values.count == ConfigQuery.names.count)
        let details = query.complaints.map(\.detail)
        #expect(details.contains("unused parameter: bogus_setting=1"))
        #expect(details.contains { $0.hasPrefix("unused parameter: bogus_override=2") }, "master.cf is read too: \(details)")
        #expect(query.complaints.allSatisfy { $0.level == "warning" }, "\(query.complaints.map(\.text))")
    }
}
