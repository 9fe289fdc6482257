import Foundation
import Testing
@testable import PftlsCore

extension PlanTests {
    /// main.cf: only TLS parameters change, and Postfix reads the result as intended.
    @Suite struct PlanMainConfigTests {
        @Test(arguments: [Answers.Layout.chainFile, .separateFiles])
        func onlyTLSParametersChange(layout: Answers.Layout) throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(layout: layout, smtpLevel: "encrypt"))
            let old = PostfixCorpus.debianMainCf
            let new = try plan.mainCf()
            #expect(new != old)
            // Every other line is kept byte for byte, in order.
            #expect(ConfigLines.nonTLS(new) == ConfigLines.nonTLS(old))
            // What differs are TLS settings only.
            let changed = Set(ConfigLines.of(new)).symmetricDifference(ConfigLines.of(old))
            #expect(!changed.isEmpty)
            #expect(changed.allSatisfy(ConfigLines.isTLSSetting), "\(changed)")
            // An unchanged setting keeps its spelling (no spaces added around "=").
            #expect(ConfigLines.of(new).contains("smtpd_tls_security_level=may"))
            #expect(ConfigLines.of(new).contains("smtp_tls_security_level = encrypt"), "a changed setting is written as name = value")
            #expect(ConfigLines.of(new).contains("smtp_tls_session_cache_database = btree:${data_directory}/smtp_scache"))
        }

        @Test(.enabled(if: PostconfSandbox.isAvailable), arguments: [Answers.Layout.chainFile, .separateFiles])
        func postconfReadsTheIntendedValuesWithoutWarnings(layout: Answers.Layout) throws {
            let fixture = try PlanFixture()
            let services: [Answers.Service] = [.init(name: .smtp), .init(name: .submission), .init(name: .submissions)]
            let plan = fixture.build(fixture.answers(services: services, layout: layout, smtpLevel: "verify"))
            let sandbox = try plan.sandbox()
            let (settings, errors) = try sandbox.explicitSettings()
            #expect(errors.isEmpty, "postconf -n warned: \(errors)")
            let directory = fixture.certificateDirectory
            #expect(settings["smtpd_tls_security_level"] == "may")
            #expect(settings["smtp_tls_security_level"] == "verify")
            #expect(settings["smtp_tls_CApath"] == "/etc/ssl/certs")
            switch layout {
            case .chainFile:
                #expect(settings["smtpd_tls_chain_files"] == directory + "/smtpd-chain.pem")
                #expect(settings["smtpd_tls_cert_file"] == nil)
                #expect(settings["smtpd_tls_key_file"] == nil)
            case .separateFiles:
                #expect(settings["smtpd_tls_chain_files"] == nil)
                #expect(settings["smtpd_tls_cert_file"] == directory + "/smtpd-cert.pem")
                #expect(settings["smtpd_tls_key_file"] == directory + "/smtpd-key.pem")
            }
            let (listed, serviceErrors) = try sandbox.serviceNames()
            #expect(serviceErrors.isEmpty, "postconf -M warned: \(serviceErrors)")
            for name in ["smtp/inet", "submission/inet", "submissions/inet", "pickup/unix", "relay/unix", "postlog/unix-dgram"] {
                #expect(listed.contains(name), "postconf -M lacks \(name): \(listed)")
            }
        }

        @Test func obsoleteSettingsAreRemovedWithAFinding() throws {
            let old = PostfixCorpus.debianMainCf + """
                smtpd_use_tls=yes
                smtp_enforce_tls = no
                smtpd_tls_dh1024_param_file = /etc/postfix/dh2048.pem
                # smtp_use_tls = yes stays: it is a comment

                """
            let fixture = try PlanFixture(mainCf: old)
            let plan = fixture.build(fixture.answers())
            let main = MainConfig(parsing: try plan.mainCf())
            for name in ["smtpd_use_tls", "smtp_enforce_tls", "smtpd_tls_dh1024_param_file"] {
                #expect(main.value(of: name) == nil, "\(name) kept")
                #expect(plan.findings(.obsoleteSetting).contains { $0.message.contains(name) && $0.severity == .info }, "\(name) not reported")
            }
            #expect(plan.findings(.obsoleteSetting).count == 3)
            #expect(try plan.mainCf().contains("# smtp_use_tls = yes stays: it is a comment"))
        }

        @Test func noObsoleteFindingsForACleanFile() throws {
            let fixture = try PlanFixture()
            #expect(fixture.build(fixture.answers()).findings(.obsoleteSetting).isEmpty)
        }

        @Test(arguments: [Answers.Layout.chainFile, .separateFiles])
        func tlsRandomSourceIsNeverAdded(layout: Answers.Layout) throws {
            let fixture = try PlanFixture()
            #expect(!(try fixture.build(fixture.answers(layout: layout)).mainCf()).contains("tls_random_source"))
        }

        @Test(arguments: [
            // (table types, existing cache setting, expected value)
            (["btree", "hash", "lmdb"], nil, "lmdb:${data_directory}/smtp_scache"),
            (["btree", "hash"], nil, "btree:${data_directory}/smtp_scache"),
            (["hash", "cdb"], nil, "hash:${data_directory}/smtp_scache"),
            (["lmdb", "hash"], "btree:${data_directory}/smtp_scache", "lmdb:${data_directory}/smtp_scache"),
            (["btree", "lmdb"], "btree:/var/lib/postfix/cache", "btree:/var/lib/postfix/cache"),
        ] as [([String], String?, String)])
        func sessionCacheUsesASupportedTableType(tableTypes: [String], existing: String?, expected: String) throws {
            var main = MainConfig(parsing: PostfixCorpus.debianMainCf)
            main.remove("smtp_tls_session_cache_database")
            if let existing { try main.set("smtp_tls_session_cache_database", existing) }
            let fixture = try PlanFixture(mainCf: main.render())
            let plan = fixture.build(fixture.answers(), tableTypes: tableTypes)
            #expect(MainConfig(parsing: try plan.mainCf()).value(of: "smtp_tls_session_cache_database") == expected)
        }

        @Test func duplicateTLSSettingsAreCollapsed() throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + "smtpd_tls_security_level = none\n")
            let plan = fixture.build(fixture.answers())
            let settings = MainConfig(parsing: try plan.mainCf()).parameters.filter { $0.name == "smtpd_tls_security_level" }
            #expect(settings.map(\.value) == ["may"])
        }

        @Test func preservesCRLFLineEndings() throws {
            let crlf = PostfixCorpus.debianMainCf.replacingOccurrences(of: "\n", with: "\r\n")
            let fixture = try PlanFixture(mainCf: crlf)
            let new = try fixture.build(fixture.answers()).mainCf()
            #expect(!new.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF was written into a CRLF file")
        }
    }
}
