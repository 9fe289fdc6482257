import Testing
import PftlsTestSupport

/// `pftls explain` as a user runs it: known names and values, and usage errors that
/// say what is valid.
@Suite(.tags(.endToEnd)) struct ExplainCommandTests {
    @Test func aValueThatTheParameterDoesNotTakeIsAUsageErrorListingTheValidOnes() throws {
        let wrong = try Pftls.run(["explain", "smtpd_tls_security_level=verify"])
        #expect(wrong.status == 2, "\(wrong.all)")
        #expect(wrong.standardError.contains("\"verify\" is not a value of smtpd_tls_security_level"))
        #expect(wrong.standardError.contains("none, may, encrypt"), "\(wrong.standardError)")

        let right = try Pftls.run(["explain", "smtp_tls_security_level=verify"])
        #expect(right.status == 0 && right.standardOutput.contains("verify"), "\(right.all)")
        let option = try Pftls.run(["explain", "-o", "smtpd_tls_wrappermode=yes"])
        #expect(option.status == 0, "\(option.all)")
    }

    @Test func anUnknownNameSuggestsCloseOnes() throws {
        let unknown = try Pftls.run(["explain", "smtpd_tls_security_levl"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("Did you mean: smtpd_tls_security_level"), "\(unknown.standardError)")
    }
}

/// `inspect --name`: the names clients use, checked on the certificate.
@Suite(.tags(.endToEnd)) struct InspectNamesTests {
    @Test func aNameNotOnTheCertificateIsReported() throws {
        let missing = try Pftls.run(["inspect", "--sample", "--name", "smtp.example.test"], environment: ["LC_ALL": "C"])
        #expect(missing.status == 0, "a warning, not an error: \(missing.all)")
        #expect(missing.standardOutput.contains("[name-not-covered]") && missing.standardOutput.contains("smtp.example.test"))
        let covered = try Pftls.run(["inspect", "--sample", "--name", "mail.example.test"], environment: ["LC_ALL": "C"])
        #expect(!covered.standardOutput.contains("name-not-covered"))
    }
}
