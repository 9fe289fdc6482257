import Foundation
@testable import PftlsCore

/// A private CA hierarchy made at test time: root -> intermediate -> leaf for
/// mail.example.test. Shared by the tests; never written to the repository.
package struct TestPKI: @unchecked Sendable {
    package typealias Pair = (certificate: Certificate, key: PrivateKey)

    package let root: Pair
    package let intermediate: Pair
    package let leaf: Pair

    package static let shared: TestPKI = try! TestPKI()

    /// The common names of the root and the intermediate.
    package static let rootName = "pftls Test Root"
    package static let intermediateName = "pftls Test Intermediate"

    /// A new hierarchy, its leaf issued for `leafName`.
    package init(leafName: String = "mail.example.test") throws {
        let rootKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let root = try CertificateFactory.issue(.authority(Self.rootName), subjectKey: rootKey)
        let intermediateKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let intermediate = try CertificateFactory.issue(.authority(Self.intermediateName), subjectKey: intermediateKey, issuer: (root, rootKey))
        let leafKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try CertificateFactory.issue(.server(leafName), subjectKey: leafKey, issuer: (intermediate, intermediateKey))
        self.root = (root, rootKey)
        self.intermediate = (intermediate, intermediateKey)
        self.leaf = (leaf, leafKey)
    }

    /// A new leaf from the intermediate with the given spec and key.
    package func issueLeaf(_ spec: CertificateSpec, key: PrivateKey? = nil) throws -> Pair {
        let subjectKey = try key ?? KeyGenerator.generate(.ec(curve: "P-256"))
        return (try CertificateFactory.issue(spec, subjectKey: subjectKey, issuer: intermediate), subjectKey)
    }

    /// Unencrypted PEM of a key.
    package static func pem(_ key: PrivateKey) -> String {
        key.unencryptedPEM()!.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// PEM of a key encrypted with `passphrase` (PKCS#8 unless `format` says otherwise).
    package static func encryptedPEM(_ key: PrivateKey, passphrase: String, format: PrivateKey.EncryptionFormat = .pkcs8) -> [UInt8] {
        var bytes = Array(passphrase.utf8)
        return key.encryptedPEM(passphrase: SecretBytes(wiping: &bytes), format: format)!
    }
}

extension Inspector {
    /// An engine with the given trust store and a fixed or real clock, reading real files.
    package static func testing(trusting anchors: [Certificate] = [], now: Date = Date()) -> Inspector {
        Inspector(fileSystem: LocalFileSystem(), clock: FixedClock(now), trustStore: .trusting(anchors))
    }
}

/// A passphrase source for tests.
package func passphrase(_ text: String) -> FixedPassphrase {
    var bytes = Array(text.utf8)
    return FixedPassphrase(SecretBytes(wiping: &bytes))
}
