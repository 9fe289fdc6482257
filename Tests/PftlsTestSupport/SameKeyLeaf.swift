import Foundation
@testable import PftlsCore

extension CLIFixtures {
    /// A new certificate, valid for `days`, for the key already in `<keyName>.key`, as a CA
    /// renews a certificate from the same CSR: written as `<name>.pem`.
    @discardableResult
    package func issueLeaf(_ name: String, forKeyOf keyName: String, days: Int, hostname: String = "mail.example.test") throws -> Certificate {
        let file = Inspector().load(path(keyName + ".key"), passphrases: nil)
        guard let key = file.items.compactMap({ if case .privateKey(let key) = $0.object { key } else { nil } }).first else {
            throw Shell.Failure(description: "no key in \(path(keyName + ".key"))")
        }
        let leaf = try pki.issueLeaf(.server(hostname, days: days), key: key).certificate
        write(name + ".pem", leaf.pem)
        return leaf
    }
}
