import Foundation
import Testing
import PftlsCore
@testable import PftlsUI
import PftlsTestSupport

@Suite struct DemoSandboxTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/debian12")

    @Test func theEmbeddedStockConfigEqualsResources() throws {
        #expect(StockDebianConfig.mainCf == (try String(contentsOf: Self.resources.appendingPathComponent("main.cf"), encoding: .utf8)))
        #expect(StockDebianConfig.masterCf == (try String(contentsOf: Self.resources.appendingPathComponent("master.cf"), encoding: .utf8)))
    }

    @Test func theSandboxIsPrivateAndItsKeyIsEncrypted() throws {
        let base = TemporaryDirectory.create("pftls-sb")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let (layout, set) = try DemoSandboxBuilder.build(in: base)
        var info = stat()
        #expect(stat(layout.root, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(layout.incoming + "/mailkey.pem", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let report = Inspector(trustStore: .trusting([set.root])).inspect(
            paths: [layout.incoming + "/mailkey.pem", layout.incoming + "/mail_signed_cert.pem", layout.incoming + "/cacert.pem"],
            options: InspectionOptions(hostname: SampleCertificateSet.hostname, passphrases: nil))
        #expect(report.findings.codes.contains(.passphraseRequired))
        var secret = Array(DemoSandboxBuilder.passphrase.utf8)
        let opened = Inspector(trustStore: .trusting([set.root])).inspect(
            paths: [layout.incoming + "/mailkey.pem", layout.incoming + "/mail_signed_cert.pem", layout.incoming + "/cacert.pem"],
            options: InspectionOptions(hostname: SampleCertificateSet.hostname, passphrases: FixedPassphrase(SecretBytes(wiping: &secret))))
        #expect(!opened.hasErrors, "\(opened.findings)")
        #expect(opened.findings.filter { $0.severity == .warning }.isEmpty)
    }

    @Test func aLargeDirectoryIsListedWithoutReadingItsFiles() throws {
        let base = TemporaryDirectory.create("pftls-big")
        defer { try? FileManager.default.removeItem(atPath: base) }
        // Written plainly: FileManager syncs each file to disk, and 10,000 syncs take a minute.
        let written = (0..<10_000).filter { index in
            let file = open(base + "/file-\(index).pem", O_WRONLY | O_CREAT | O_EXCL, 0o644)
            defer { close(file) }
            return file >= 0 && write(file, "x", 1) == 1
        }
        try #require(written.count == 10_000)
        let context = WizardContext(configDirectory: base, demo: nil, browseDirectory: base, glyphs: .unicode, trustedOwner: 0)
        let runner = EffectRunner(context: context, trustStore: .trusting([]))
        let events = runner.perform(.list(directory: base))
        guard case .listed(let listing)? = events.first else { Issue.record("no listing"); return }
        #expect(listing.files.count == 10_000)
        var model = WizardModel(context: context)
        let effects = model.update(.listed(listing))
        // Only the files on screen are classified, not all 10,000.
        guard case .classify(let paths)? = effects.first else { Issue.record("no classification asked"); return }
        #expect(paths.count == FilesStep.listRows)
    }
}

/// The demo's preparation (its sandbox files) runs once, however many effects start at
/// once: run twice, it made two key/certificate pairs that did not match.
@Suite struct EffectPreparationTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    @Test func effectsOnTwoQueuesShareOnePreparation() throws {
        let base = TemporaryDirectory.create("pftls-prep")
        defer { try? FileManager.default.removeItem(atPath: base) }
        FileManager.default.createFile(atPath: base + "/a.pem", contents: Data("x".utf8))
        let context = WizardContext(configDirectory: base, demo: nil, browseDirectory: base, glyphs: .unicode, trustedOwner: 0)
        for _ in 0..<20 {
            let calls = Counter()
            let runner = EffectRunner(context: context) {
                calls.increment()
                usleep(20_000) // a slow preparation, as the demo's key generation is
                return .success(.trusting([]))
            }
            DispatchQueue.concurrentPerform(iterations: 4) { _ in _ = runner.perform(.classify(paths: [base + "/a.pem"])) }
            #expect(calls.count == 1)
        }
    }
}
