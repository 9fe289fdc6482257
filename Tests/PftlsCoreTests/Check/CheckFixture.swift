import Foundation
@testable import PftlsCore
import PftlsTestSupport

/// A Postfix configuration for `TLSAudit` without a Postfix: main.cf, master.cf and chain
/// files from the shared test PKI in a scratch directory, a stand-in for postconf and
/// `postfix status`, and stand-in listeners that serve what a test says.
struct CheckFixture {
    let directory = FixtureDirectory()
    let pki = TestPKI.shared

    /// A key+chain file (key, leaf, intermediate) for `names` (the first is the CN).
    func chain(_ file: String, _ names: [String], _ kind: KeyGenerator.Kind = .ec(curve: "P-256"), days: Int = 365) throws -> (path: String, leaf: Certificate) {
        let pair = try pki.issueLeaf(.server(names[0], names: names, days: days), key: KeyGenerator.generate(kind))
        let path = directory.write(file, TestPKI.pem(pair.key) + pair.certificate.pem + pki.intermediate.certificate.pem)
        chmod(path, 0o600)
        return (path, pair.certificate)
    }

    /// Writes main.cf and master.cf (smtp on 127.0.0.1:2525 with STARTTLS, unless `master` says otherwise).
    func configure(main: String, master: String = "127.0.0.1:2525 inet n - y - - smtpd\n") -> String {
        let conf = directory.file("conf")
        mkdir(conf, 0o755)
        FileManager.default.createFile(atPath: conf + "/main.cf", contents: Data(("smtpd_tls_security_level = may\n" + main).utf8))
        FileManager.default.createFile(atPath: conf + "/master.cf", contents: Data(master.utf8))
        return conf
    }

    /// An audit of a Postfix that runs (or not) with `listeners` answering probes.
    func audit(_ listeners: StandInListeners = StandInListeners { _, _, _ in .failed(reason: "no listener") }, running: Bool = true) -> TLSAudit {
        var audit = TLSAudit(fileSystem: LocalFileSystem(), processes: StandInPostfix(running: running),
                             inspector: .testing(trusting: [pki.root.certificate]), probe: listeners)
        audit.trustStore = .trusting([pki.root.certificate])
        return audit
    }

    /// Codes and messages, for failure messages.
    static func show(_ findings: [Finding]) -> String { findings.map { "\($0.code) \($0.message)" }.joined(separator: "\n") }
}

/// postconf and `postfix status` of an installed Postfix 3.7 named mail.example.test.
struct StandInPostfix: ProcessRunner {
    let running: Bool

    func run(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
        switch program {
        case "postconf" where arguments.last == "-d":
            let defaults = PostfixDefaults.builtIn.values.merging(["mail_version": "3.7.11"]) { $1 }
            return ProcessResult(status: 0, standardOutput: Array(defaults.map { "\($0) = \($1)\n" }.joined().utf8), standardError: [])
        case "postconf" where arguments.contains("-h"):
            let names = arguments.drop { $0 != "-x" }.dropFirst()
            let values = ["myhostname": "mail.example.test", "mydomain": "example.test", "mydestination": "$myhostname"]
            return ProcessResult(status: 0, standardOutput: Array(names.map { (values[$0] ?? "") + "\n" }.joined().utf8), standardError: [])
        case "postconf":
            return ProcessResult(status: 0, standardOutput: Array("btree\nhash\ntexthash\ninline\nregexp\n".utf8), standardError: [])
        case "postfix":
            return ProcessResult(status: running ? 0 : 1, standardOutput: [], standardError: [])
        default:
            return nil
        }
    }
}

/// Listeners that answer each probe with what `serve` says for (port, SNI name, key type),
/// recording every probe and how many ran at once.
final class StandInListeners: ListenerProbing, @unchecked Sendable {
    struct Call: Equatable { let port: Int; let serverName: String?; let keyType: ServerKeyType? }
    private let lock = NSLock()
    private let serve: @Sendable (Int, String?, ServerKeyType?) -> ProbeResult
    private let delay: useconds_t
    private var running = 0
    private(set) var mostAtOnce = 0
    private(set) var calls: [Call] = []

    init(delay: useconds_t = 0, _ serve: @escaping @Sendable (Int, String?, ServerKeyType?) -> ProbeResult) {
        self.serve = serve
        self.delay = delay
    }

    func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult {
        probe(host: host, port: port, mode: mode, serverName: serverName, keyType: nil)
    }

    func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?, keyType: ServerKeyType?) -> ProbeResult {
        lock.withLock {
            calls.append(Call(port: port, serverName: serverName, keyType: keyType))
            running += 1
            mostAtOnce = max(mostAtOnce, running)
        }
        if delay > 0 { usleep(delay) }
        defer { lock.withLock { running -= 1 } }
        return serve(port, serverName, keyType)
    }
}

extension ProbeResult {
    /// A handshake that served `chain` (leaf first).
    static func serving(_ leaf: Certificate, _ pki: TestPKI = .shared) -> ProbeResult { .served(chain: [leaf, pki.intermediate.certificate]) }
}
