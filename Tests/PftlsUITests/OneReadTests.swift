import Foundation
import PftlsCore
import Testing
@testable import PftlsUI

/// "One reader per fact": `check`, `apply --dry-run`, `renew` and the wizard's Start screen
/// each open main.cf and master.cf once, and the Start screen reads the certificates in use
/// once. The set-up is the demo's (a stock Debian main.cf naming a snakeoil pair), unsealed
/// so that Postfix's state is asked, of a Postfix whose postfix-script cannot run postconf:
/// the master's pid file is then looked for under the queue directory main.cf names.
@Suite final class OneReadTests {
    let base: String
    let layout: DemoSandboxBuilder.Layout
    let set: SampleCertificateSet
    let files = CountingFileSystem()
    let postfix = PostfixThatCannotReadItsConfiguration()
    var configDirectory: String { layout.configDirectory }

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/pftls-one-read-XXXXXX").utf8CString)
        base = String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
        (layout, set) = try DemoSandboxBuilder.build(in: base)
        unlink(layout.configDirectory + "/" + DemoSandboxSeal.markerName)
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    /// A Postfix that is installed, but whose `postfix status` fails as it does on a broken main.cf.
    struct PostfixThatCannotReadItsConfiguration: ProcessRunner {
        final class Calls: @unchecked Sendable {
            private let lock = NSLock()
            private var made: [[String]] = []
            func record(_ call: [String]) { lock.withLock { made.append(call) } }
            var all: [[String]] { lock.withLock { made } }
        }
        let calls = Calls()

        func run(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
            calls.record([program] + arguments)
            switch (program, arguments.last) {
            case ("postconf", "-d"):
                let defaults = PostfixDefaults.builtIn.values.merging(["mail_version": "3.7.11"]) { $1 }
                return ProcessResult(status: 0, standardOutput: Array(defaults.map { "\($0) = \($1)\n" }.joined().utf8), standardError: [])
            case ("postconf", _):
                return ProcessResult(status: 0, standardOutput: [], standardError: [])
            case ("postfix", "status"):
                return ProcessResult(status: 1, standardOutput: [], standardError: Array("postfix/postfix-script: fatal: cannot execute /usr/sbin/postconf!\n".utf8))
            default:
                return nil
            }
        }
    }

    private var snakeoil: [String] { [layout.root + "/ssl/private/ssl-cert-snakeoil.key", layout.root + "/ssl/certs/ssl-cert-snakeoil.pem"] }

    /// main.cf and master.cf were each read once; so was every file in `others`.
    private func expectReadOnce(_ others: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        for path in [configDirectory + "/main.cf", configDirectory + "/master.cf"] + others {
            #expect(files.reads(of: path) == 1, "\(path) read \(files.reads(of: path)) times", sourceLocation: sourceLocation)
        }
    }

    private var installation: PostfixInstallation { PostfixInstallation.detect(configDirectory: configDirectory, processes: postfix) }
    private var inspector: Inspector { Inspector(fileSystem: files, trustStore: .trusting([set.root])) }
    private var planner: PlanBuilder {
        PlanBuilder(fileSystem: files, installation: installation, inspector: inspector, servicesFile: nil, trustedOwner: getuid())
    }

    @Test func checkReadsTheSetUpOnce() {
        let report = TLSAudit(fileSystem: files, processes: postfix, inspector: inspector).run(configDirectory: configDirectory)
        #expect(report.configurationRead && report.filesInUse == snakeoil, "\(report.findings)")
        #expect(postfix.calls.all.contains(["postfix", "-c", configDirectory, "status"]), "Postfix's state was asked")
        expectReadOnce()
    }

    @Test func applyDryRunReadsTheSetUpOnce() {
        var secret = Array(DemoSandboxBuilder.passphrase.utf8)
        let answers = Answers(certificateDirectory: layout.root + "/tls", privateKey: layout.incoming + "/mailkey.pem",
                              certificate: layout.incoming + "/mail_signed_cert.pem", intermediates: [layout.incoming + "/cacert.pem"],
                              smtpdSecurityLevel: "may", smtpSecurityLevel: "may", services: [.init(name: .smtp)], layout: .chainFile,
                              hostname: SampleCertificateSet.hostname, dedicatedNonMX: false, smtpdCAfile: false)
        let setup = TLSSetupInForce.read(installation, fileSystem: files)
        let plan = planner.build(answers, setup: setup, passphrases: FixedPassphrase(SecretBytes(wiping: &secret)),
                                 hostname: SampleCertificateSet.hostname)
        #expect(!plan.hasErrors && plan.files.contains { $0.role == .mainConfig && $0.changes }, "\(plan.findings)")
        #expect(Applier(processes: postfix).rehearse(plan) == nil)
        expectReadOnce()
    }

    @Test func renewReadsTheSetUpOnce() throws {
        let setup = try TLSSetupInForce.read(installation, fileSystem: files).get()
        let current = try RenewalPlanner(inspector: inspector).current(setup).get()
        let request = RenewalRequest(key: layout.incoming + "/mailkey.pem", certificate: layout.incoming + "/mail_signed_cert.pem",
                                     chain: [layout.incoming + "/cacert.pem"])
        var secret = Array(DemoSandboxBuilder.passphrase.utf8)
        let plan = planner.build(request.answers(replacing: current.answers), setup: .success(setup),
                                 passphrases: FixedPassphrase(SecretBytes(wiping: &secret)), hostname: nil)
        #expect(!plan.hasErrors && plan.files.contains { $0.role == .mainConfig && $0.changes }, "\(plan.findings)")
        expectReadOnce()
    }

    /// What the wizard's Start screen is told, read through the counting file system.
    private func startSummary() -> PostfixSummary? {
        let context = WizardContext(configDirectory: configDirectory, demo: nil, browseDirectory: layout.incoming, glyphs: .unicode,
                                    trustedOwner: getuid())
        let runner = EffectRunner(context: context, fileSystem: files, processes: postfix, trustStore: .trusting([set.root]))
        guard case .postfixDetected(_, let summary)? = runner.perform(.detectPostfix(configDirectory: configDirectory)).first else { return nil }
        return summary
    }

    @Test func theStartScreenReadsTheSetUpAndTheCertificatesOnce() throws {
        let summary = try #require(startSummary())
        #expect(summary.problem == nil && summary.renewal != nil && summary.filesInUse == snakeoil, "\(summary)")
        #expect(!summary.running, "no master.pid under the sandbox's queue directory")
        expectReadOnce(snakeoil)
    }

    @Test func startReadsTwoKeyTypesAndAnSNIMapOnceEach() throws {
        _ = try SeveralCertificates.make(layout)
        let summary = try #require(startSummary())
        #expect(summary.presentedKeys.map(\.type) == [.rsa, .ecdsa] && summary.sniMaps.first?.source?.entries.count == 4, "\(summary)")
        // The chain files are read once for the certificate in use and its two pairs alike.
        expectReadOnce(summary.filesInUse + [configDirectory + "/sni_map"])
    }

    @Test func aSetUpThatCannotBeReadIsSaidOnTheStartScreenInTheOneWording() {
        unlink(configDirectory + "/master.cf")
        let summary = PostfixSummary.read(installation, setup: TLSSetupInForce.read(installation, fileSystem: files), inspector: inspector)
        #expect(summary.problem == "cannot read \(configDirectory)/master.cf: No such file or directory (open)", "\(summary.problem ?? "")")
    }
}
