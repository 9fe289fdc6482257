import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A seeded mutation fuzzer for everything pftls reads from files: the PEM/DER sniffer, the
/// key and certificate decoders with the inspector's checks, main.cf and master.cf (parse,
/// render, edit) and the answers file. `swift build -sanitize=fuzzer` needs a toolchain
/// with libFuzzer, which this one lacks (see DECISIONS.md), so the runner is ours: seeds in
/// Fuzz/Corpus plus generated keys and certificates, mutated for a bounded time
/// (PFTLS_FUZZ_SECONDS, default 20) from a fixed seed (PFTLS_FUZZ_SEED). A crash kills the
/// test run; the seed and round are printed first so it can be replayed.
@Suite struct FuzzTests {
    static var corpusDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus").path
    }

    static var seconds: Double { Double(ProcessInfo.processInfo.environment["PFTLS_FUZZ_SECONDS"] ?? "") ?? 20 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["PFTLS_FUZZ_SEED"] ?? "") ?? 20261129 }

    enum Kind: CaseIterable { case certificateOrKey, mainCf, masterCf, answers }

    /// The seeds of each kind.
    static func seeds() throws -> [(Kind, [UInt8])] {
        var seeds: [(Kind, [UInt8])] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: corpusDirectory).sorted() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: corpusDirectory + "/" + name)))
            if name.hasSuffix("main.cf") { seeds.append((.mainCf, bytes)) }
            if name.hasSuffix("master.cf") { seeds.append((.masterCf, bytes)) }
            if name.hasSuffix(".json") { seeds.append((.answers, bytes)) }
        }
        let pki = TestPKI.shared
        var secret = Array("fuzz".utf8)
        let encrypted = try #require(pki.leaf.key.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8))
        for bytes in [Array(pki.leaf.certificate.pem.utf8), pki.leaf.certificate.der, pki.intermediate.certificate.der,
                      Array(TestPKI.pem(pki.leaf.key).utf8), encrypted,
                      Array((pki.leaf.certificate.pem + pki.intermediate.certificate.pem).utf8)] {
            seeds.append((.certificateOrKey, bytes))
        }
        return seeds
    }

    /// One mutation of `input`, sometimes spliced with `other`.
    static func mutate(_ input: [UInt8], other: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            case 3 where !bytes.isEmpty:
                let length = Int.random(in: 1...min(64, bytes.count - position), using: &random)
                bytes.insert(contentsOf: bytes[position..<position + length], at: position)
            case 4 where !other.isEmpty:
                let start = Int.random(in: 0..<other.count, using: &random)
                bytes.insert(contentsOf: other[start..<min(other.count, start + 256)], at: position)
            default:
                let interesting: [[UInt8]] = [[0x0D], [0x0A], [0x00], Array("\\".utf8), Array("-o ".utf8), Array("$".utf8), Array("{".utf8),
                                              Array("\u{202E}".utf8), Array("#".utf8), [0x20, 0x20], [0xFF, 0xFF, 0xFF, 0x7F]]
                bytes.insert(contentsOf: interesting[Int.random(in: 0..<interesting.count, using: &random)], at: position)
            }
        }
        return Array(bytes.prefix(1 << 20))
    }

    /// Feeds one input to the parser of its kind and checks what must always hold.
    static func exercise(_ kind: Kind, _ bytes: [UInt8]) {
        switch kind {
        case .certificateOrKey:
            _ = FileFormat.sniff(bytes)
            let decoded = FileDecoder(path: "fuzz", passphrases: passphrase("fuzz")).decode(bytes)
            _ = Inspector.testing().inspect(decoded: [decoded], options: InspectionOptions(hostname: "mail.example.test"))
        case .mainCf:
            let text = String(decoding: bytes, as: UTF8.self)
            var config = MainConfig(parsing: text)
            #expect(config.render() == text, "main.cf must round-trip byte for byte")
            _ = config.parameters
            try? config.set("smtpd_tls_security_level", "may")
            config.remove("smtpd_use_tls")
            _ = config.effectiveValue(of: "smtpd_tls_chain_files", defaults: .builtIn)
        case .masterCf:
            let text = String(decoding: bytes, as: UTF8.self)
            var config = MasterConfig(parsing: text)
            #expect(config.render() == text, "master.cf must round-trip byte for byte")
            _ = config.pasteDamageFindings(file: "fuzz")
            _ = config.repaired()
            for key in config.commentedServices.prefix(3) { try? config.enable(key) }
            for service in config.services.prefix(3) {
                try? config.setOption("smtpd_tls_security_level", "encrypt", for: service.service.key)
                try? config.removeOption("smtpd_sasl_auth_enable", for: service.service.key)
            }
            _ = config.render()
        case .answers:
            _ = try? AnswersJSON.parse(bytes, file: "fuzz.json")
        }
    }

    @Test func mutatedInputsNeverCrashAndConfigsRoundTrip() throws {
        let seeds = try Self.seeds()
        var random = SplitMix64(seed: Self.seed)
        let end = Date().addingTimeInterval(Self.seconds)
        var rounds = 0
        while Date() < end {
            let (kind, input) = seeds[Int.random(in: 0..<seeds.count, using: &random)]
            let other = seeds[Int.random(in: 0..<seeds.count, using: &random)].1
            let mutated = Self.mutate(input, other: other, using: &random)
            Self.exercise(kind, mutated)
            rounds += 1
        }
        print("fuzz: \(rounds) inputs in \(Int(Self.seconds)) s from seed \(Self.seed), no crash")
        #expect(rounds > 100, "the fuzzer must get through a useful number of inputs")
    }
}
