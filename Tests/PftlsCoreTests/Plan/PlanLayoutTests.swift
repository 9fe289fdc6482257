import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PlanTests {
    /// Which files the plan installs, with which content and mode, and how main.cf points at them.
    @Suite struct PlanLayoutTests {
        @Test func chainFileIsTheDefaultOnPostfix37() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers())
            #expect(!plan.hasErrors, "\(plan.findings)")
            #expect(plan.layout == .chainFile)
            let chainPath = fixture.certificateDirectory + "/smtpd-chain.pem"
            #expect(plan.files.map(\.path) == [chainPath, fixture.configDirectory + "/main.cf", fixture.configDirectory + "/master.cf"])

            let chain = try plan.file(at: chainPath)
            #expect(chain.isSecret)
            #expect(chain.mode == 0o600)
            #expect(chain.ownedByRoot)
            #expect(chain.text == fixture.keyPEM + fixture.chainPEM, "key first, then leaf, then intermediate")
            #expect(!chain.text.contains(fixture.pki.root.certificate.pem), "the root is not served")
        }

        @Test func chainFileReplacesTheSnakeoilSettings() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers())
            let main = MainConfig(parsing: try plan.mainCf())
            #expect(main.value(of: "smtpd_tls_chain_files") == fixture.certificateDirectory + "/smtpd-chain.pem")
            #expect(main.value(of: "smtpd_tls_cert_file") == nil)
            #expect(main.value(of: "smtpd_tls_key_file") == nil)
            #expect(main.value(of: "smtpd_tls_CAfile") == nil)
            #expect(main.value(of: "smtpd_tls_security_level") == "may")
            #expect(main.value(of: "smtp_tls_security_level") == "may")
            #expect(!(try plan.mainCf()).contains("snakeoil"))
        }

        @Test func chainFileRemovesEveryLegacyServerFile() throws {
            let extra = "smtpd_tls_eccert_file = /etc/ssl/ec.pem\nsmtpd_tls_eckey_file = /etc/ssl/ec.key\nsmtpd_tls_dcert_file = /etc/ssl/d.pem\n"
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + extra)
            let main = MainConfig(parsing: try fixture.build(fixture.answers()).mainCf())
            for name in MainConfigPlanner.legacyServerFiles { #expect(main.value(of: name) == nil, "\(name)") }
        }

        @Test func separateFilesWhenAskedFor() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(layout: .separateFiles))
            try expectSeparateFiles(plan, fixture, withCAfile: false)
        }

        @Test func separateFilesIsTheDefaultOnPostfix33() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(), version: PostfixVersion(3, 3, 0))
            #expect(plan.layout == .separateFiles)
            try expectSeparateFiles(plan, fixture, withCAfile: false)
        }

        @Test func separateFilesWithTheGuidesCAfile() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(layout: .separateFiles, smtpdCAfile: true))
            try expectSeparateFiles(plan, fixture, withCAfile: true)
            let caFile = try plan.file(at: fixture.certificateDirectory + "/smtpd-cafile.pem")
            #expect(caFile.text == fixture.pki.intermediate.certificate.pem)
            #expect(caFile.mode == 0o644)
            #expect(!caFile.isSecret)
        }

        @Test func caFileIsIgnoredForTheChainFileLayout() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(layout: .chainFile, smtpdCAfile: true))
            #expect(MainConfig(parsing: try plan.mainCf()).value(of: "smtpd_tls_CAfile") == nil)
            #expect(!plan.files.contains { $0.path.hasSuffix("smtpd-cafile.pem") })
        }

        @Test func separateFilesDropsAnEarlierChainFilesSetting() throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + "smtpd_tls_chain_files = /etc/old/chain.pem\n")
            let main = MainConfig(parsing: try fixture.build(fixture.answers(layout: .separateFiles)).mainCf())
            #expect(main.value(of: "smtpd_tls_chain_files") == nil)
        }

        /// A renewal with separate files never rewrites the pair main.cf names: it writes the
        /// other slot and switches main.cf, so key and certificate never disagree on disk.
        @Test func separateFilesRenewalWritesTheOtherSlotAndSwitchesMainCf() throws {
            let fixture = try PlanFixture()
            let first = fixture.build(fixture.answers(layout: .separateFiles, smtpdCAfile: true))
            try expectSeparateFiles(first, fixture, withCAfile: true)
            try fixture.write(first)
            let rerun = fixture.build(fixture.answers(layout: .separateFiles, smtpdCAfile: true))
            #expect(rerun.changedFiles.isEmpty, "the same files again change nothing: \(rerun.changedFiles.map(\.path))")

            let renewed = try fixture.pki.issueLeaf(.server(PlanFixture.hostname))
            fixture.root.write("input-key.pem", TestPKI.pem(renewed.key))
            fixture.root.write("input-cert.pem", renewed.certificate.pem)
            let second = fixture.build(fixture.answers(layout: .separateFiles, smtpdCAfile: true))
            #expect(!second.hasErrors, "\(second.findings)")
            let slotB = ["smtpd-key-b.pem", "smtpd-cert-b.pem", "smtpd-cafile-b.pem"].map { fixture.certificateDirectory + "/" + $0 }
            #expect(second.changedFiles.map(\.path) == slotB + [fixture.configDirectory + "/main.cf"],
                    "the files in use are left alone; main.cf, written last, switches: \(second.changedFiles.map(\.path))")
            #expect(try second.file(at: slotB[0]).text == TestPKI.pem(renewed.key))
            let main = MainConfig(parsing: try second.mainCf())
            #expect(main.value(of: "smtpd_tls_key_file") == slotB[0])
            #expect(main.value(of: "smtpd_tls_cert_file") == slotB[1])
            #expect(main.value(of: "smtpd_tls_CAfile") == slotB[2])
            try fixture.write(second)

            // The next renewal goes back to the first slot, which Postfix no longer uses.
            let third = try fixture.pki.issueLeaf(.server(PlanFixture.hostname))
            fixture.root.write("input-key.pem", TestPKI.pem(third.key))
            fixture.root.write("input-cert.pem", third.certificate.pem)
            let back = fixture.build(fixture.answers(layout: .separateFiles, smtpdCAfile: true))
            #expect(MainConfig(parsing: try back.mainCf()).value(of: "smtpd_tls_key_file") == fixture.certificateDirectory + "/smtpd-key.pem")
            #expect(!back.changedFiles.contains { slotB.contains($0.path) })
        }

        @Test func chainFileOnPostfix33IsRefused() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(layout: .chainFile), version: PostfixVersion(3, 3, 0))
            let finding = try #require(plan.findings(.layoutUnsupported).first)
            #expect(finding.severity == .error)
            #expect(finding.message.contains("3.3.0"))
            #expect(plan.hasErrors)
            #expect(plan.files.isEmpty)
        }

        @Test func chainFileOnPostfix34IsAccepted() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(layout: .chainFile), version: PostfixVersion(3, 4, 0))
            #expect(plan.findings(.layoutUnsupported).isEmpty)
            #expect(!plan.hasErrors)
        }

        /// Key alone (0600, secret), leaf + intermediate (0644), and main.cf naming them.
        private func expectSeparateFiles(_ plan: ChangePlan, _ fixture: PlanFixture, withCAfile: Bool,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(!plan.hasErrors, "\(plan.findings)", sourceLocation: sourceLocation)
            #expect(plan.layout == .separateFiles, sourceLocation: sourceLocation)
            let keyPath = fixture.certificateDirectory + "/smtpd-key.pem"
            let certificatePath = fixture.certificateDirectory + "/smtpd-cert.pem"
            let caPath = fixture.certificateDirectory + "/smtpd-cafile.pem"
            let key = try plan.file(at: keyPath)
            #expect(key.isSecret && key.ownedByRoot && key.mode == 0o600, sourceLocation: sourceLocation)
            #expect(key.text == fixture.keyPEM, sourceLocation: sourceLocation)
            let certificate = try plan.file(at: certificatePath)
            #expect(!certificate.isSecret && certificate.mode == 0o644, sourceLocation: sourceLocation)
            #expect(certificate.text == fixture.chainPEM, sourceLocation: sourceLocation)
            #expect(!certificate.text.contains("PRIVATE KEY"), sourceLocation: sourceLocation)
            #expect(!plan.files.contains { $0.path.hasSuffix("smtpd-chain.pem") }, sourceLocation: sourceLocation)

            let main = MainConfig(parsing: try plan.mainCf())
            #expect(main.value(of: "smtpd_tls_cert_file") == certificatePath, sourceLocation: sourceLocation)
            #expect(main.value(of: "smtpd_tls_key_file") == keyPath, sourceLocation: sourceLocation)
            #expect(main.value(of: "smtpd_tls_chain_files") == nil, sourceLocation: sourceLocation)
            #expect(main.value(of: "smtpd_tls_CAfile") == (withCAfile ? caPath : nil), sourceLocation: sourceLocation)
            #expect(plan.files.contains { $0.path == caPath } == withCAfile, sourceLocation: sourceLocation)
        }
    }
}
