import Foundation
import Testing
@testable import PftlsCore

/// Random and truncated bytes never crash the sniffer, the PEM reader or the decoder.
@Suite struct RobustnessTests {
    let pki = TestPKI.shared

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 42)
        for round in 0..<400 {
            let length = Int.random(in: 0..<600, using: &random)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            if round % 3 == 0 { bytes.insert(0x30, at: 0) } // look like DER
            if round % 5 == 0 { bytes = Array("-----BEGIN CERTIFICATE-----\n".utf8) + bytes }
            _ = FileFormat.sniff(bytes)
            _ = PEMDocument(text: String(decoding: bytes, as: UTF8.self))
            let decoded = FileDecoder(path: "random-\(round)", passphrases: nil).decode(bytes)
            // Nothing decoded is never silent: it comes with an error that says why.
            #expect(!decoded.items.isEmpty || decoded.findings.hasErrors, "round \(round)")
        }
    }

    @Test func everyTruncationOfRealInputsIsHandled() throws {
        var secret = Array("pw".utf8)
        let encrypted = try #require(pki.leaf.key.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8))
        let inputs: [[UInt8]] = [Array(pki.leaf.certificate.pem.utf8), pki.leaf.certificate.der, encrypted]
        for input in inputs {
            for cut in stride(from: 0, to: input.count, by: 7) {
                let prefix = Array(input.prefix(cut))
                let decoded = FileDecoder(path: "cut", passphrases: passphrase("pw")).decode(prefix)
                // A strict prefix is never taken for a whole, valid object without complaint.
                #expect(decoded.findings.hasErrors || decoded.items.isEmpty == false)
            }
        }
    }

    @Test func bitFlipsInDERNeverCrash() {
        let der = pki.intermediate.certificate.der
        for index in stride(from: 0, to: der.count, by: 3) {
            var copy = der
            copy[index] ^= 0x5A
            _ = FileDecoder(path: "flip", passphrases: nil).decode(copy)
        }
    }
}
