import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Encrypted keys and PKCS#12 bundles name their own key-derivation cost; a hostile
/// one is refused from its parameters, before OpenSSL derives anything.
@Suite struct KeyDerivationBoundTests {
    let pki = TestPKI.shared
    let directory = FixtureDirectory()

    private func inspect(_ name: String, passphrase secret: String? = "kdfpass") -> (report: InspectionReport, seconds: Double) {
        let started = Date()
        let report = Inspector.testing(trusting: [pki.root.certificate])
            .inspect(paths: [directory.file(name)], options: InspectionOptions(passphrases: secret.map(passphrase)))
        return (report, Date().timeIntervalSince(started))
    }

    private func expectRefused(_ name: String, passphrase secret: String? = "kdfpass", sourceLocation: SourceLocation = #_sourceLocation) {
        let (report, seconds) = inspect(name, passphrase: secret)
        let refusal = report.findings.first { $0.code == .kdfTooExpensive }
        #expect(refusal?.severity == .error, "\(report.findings)", sourceLocation: sourceLocation)
        #expect(refusal?.message.contains(name) == true, sourceLocation: sourceLocation)
        #expect(refusal?.message.contains("10000000") == true, sourceLocation: sourceLocation)
        #expect(report.privateKey == nil, sourceLocation: sourceLocation)
        #expect(seconds < 2, "refused from the parameters, not by computing them (\(seconds) s)", sourceLocation: sourceLocation)
    }

    /// Writes `name` from `openssl` output with the first (or last) PBKDF2/PBE iteration
    /// count of 2,048 raised to 2^31-1. The salt before it gives up two bytes so that
    /// no enclosing DER length changes.
    private func raiseIterations(_ name: String, last: Bool = false, count: [UInt8] = [0x7F, 0xFF, 0xFF, 0xFF]) {
        var bytes = directory.read(name)
        let tail: [UInt8] = [0x02, 0x02, 0x08, 0x00]
        var matches: [Int] = []
        for start in bytes.indices where bytes[start] == 0x04 {
            let length = Int(bytes[min(start + 1, bytes.count - 1)])
            let end = start + 2 + length
            if length >= 4, end + tail.count <= bytes.count, Array(bytes[end..<end + tail.count]) == tail { matches.append(start) }
        }
        guard let start = last ? matches.last : matches.first else { Issue.record("no iteration count of 2048 in \(name)"); return }
        let length = Int(bytes[start + 1])
        let salt = Array(bytes[(start + 2)..<(start + length)])
        let replacement = [0x04, UInt8(length - 2)] + salt + [0x02, 0x04] + count
        bytes.replaceSubrange(start..<(start + 2 + length + tail.count), with: replacement)
        directory.write(name, bytes)
    }

    private func openssl(_ arguments: [String]) {
        let result = OpenSSLTool.run(arguments, in: directory.path)
        #expect(result.status == 0, "\(arguments): \(result.output)")
    }

    private func writeKeyAndLeaf() {
        directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        directory.write("leaf.pem", pki.leaf.certificate.pem)
    }

    @Test func pkcs8WithHugePBKDF2IterationsIsRefusedInDERAndPEM() {
        writeKeyAndLeaf()
        openssl(["pkcs8", "-topk8", "-in", "key.pem", "-v2", "aes-256-cbc", "-iter", "2048", "-passout", "pass:kdfpass",
                 "-outform", "DER", "-out", "slow.der"])
        #expect(inspect("slow.der").report.privateKey != nil, "the unpatched key opens")
        raiseIterations("slow.der")
        expectRefused("slow.der")
        let pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + Data(directory.read("slow.der")).base64EncodedString(options: .lineLength64Characters)
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n"
        directory.write("slow.pem", pem)
        expectRefused("slow.pem")
        expectRefused("slow.pem", passphrase: nil)
    }

    @Test func pkcs8WithAHugeScryptCostIsRefusedAndAnOrdinaryOneOpens() {
        writeKeyAndLeaf()
        openssl(["pkcs8", "-topk8", "-in", "key.pem", "-scrypt", "-scrypt_N", "16384", "-scrypt_r", "8", "-scrypt_p", "1",
                 "-passout", "pass:kdfpass", "-outform", "DER", "-out", "scrypt.der"])
        #expect(inspect("scrypt.der").report.privateKey?.matches(pki.leaf.certificate) == true, "N=2^14, r=8, p=1 is ordinary")
        // Parallelisation p = 1 (02 01 01 after r = 8) becomes 8,388,607.
        var bytes = directory.read("scrypt.der")
        // Layout: salt OCTET STRING, N (02 02 40 00), r (02 01 08), p (02 01 01).
        guard let at = bytes.indices.first(where: { Array(bytes[$0..<min($0 + 6, bytes.count)]) == [0x02, 0x01, 0x08, 0x02, 0x01, 0x01] }),
              let salt = bytes.indices.first(where: { bytes[$0] == 0x04 && $0 + 2 + Int(bytes[$0 + 1]) == at - 4 }) else {
            Issue.record("no scrypt parameters found"); return
        }
        let length = Int(bytes[salt + 1])
        bytes.replaceSubrange((at + 3)..<(at + 6), with: [0x02, 0x03, 0x7F, 0xFF, 0xFF])
        bytes.replaceSubrange(salt..<(salt + 2 + length), with: [0x04, UInt8(length - 2)] + bytes[(salt + 2)..<(salt + length)])
        directory.write("scrypt-hostile.der", bytes)
        expectRefused("scrypt-hostile.der")
    }

    @Test func pkcs12WithAHugeMACIterationCountIsRefused() {
        writeKeyAndLeaf()
        openssl(["pkcs12", "-export", "-inkey", "key.pem", "-in", "leaf.pem", "-out", "mac.p12", "-passout", "pass:kdfpass"])
        #expect(inspect("mac.p12").report.privateKey != nil)
        raiseIterations("mac.p12", last: true)
        expectRefused("mac.p12")
    }

    @Test func pkcs12WithAHugeEncryptedSafeOrShroudedKeyIsRefused() {
        writeKeyAndLeaf()
        openssl(["pkcs12", "-export", "-inkey", "key.pem", "-in", "leaf.pem", "-out", "safe.p12", "-passout", "pass:kdfpass", "-nomac"])
        raiseIterations("safe.p12")
        expectRefused("safe.p12")
        openssl(["pkcs12", "-export", "-inkey", "key.pem", "-in", "leaf.pem", "-out", "bag.p12", "-passout", "pass:kdfpass",
                 "-nomac", "-certpbe", "NONE"])
        raiseIterations("bag.p12")
        expectRefused("bag.p12")
    }

    @Test func theBoundItselfIsAllowed() {
        #expect(KeyDerivationBound.finding(work: KeyDerivationBound.maximumWork, path: "f", what: "x") == nil)
        #expect(KeyDerivationBound.finding(work: KeyDerivationBound.maximumWork + 1, path: "f", what: "x")?.code == .kdfTooExpensive)
        #expect(KeyDerivationBound.finding(work: -1, path: "f", what: "x")?.code == .kdfTooExpensive)
    }
}
