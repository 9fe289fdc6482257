import Foundation

/// Checks of single certificates: validity dates, key strength, signature hash,
/// and what a server certificate must allow.
struct CertificateChecks {
    let now: Date
    let expiryWarningDays: Int

    /// Validity, key strength and signature hash, for any certificate of the chain.
    func checkChainMember(_ entry: ChainEntry) -> [Finding] {
        var findings: [Finding] = []
        let certificate = entry.certificate
        let name = "\(SafeText.escape(entry.file)): \(entry.role.rawValue) \"\(certificate.subject)\""
        if certificate.notAfter < now {
            findings.append(Finding(.expired, .error, file: entry.file,
                message: "\(name) expired on \(Self.format(certificate.notAfter))",
                hint: entry.role == .leaf ? "Renew the certificate with your CA and install the new one."
                    : "Download the current intermediate from your CA."))
        } else if certificate.notBefore > now {
            findings.append(Finding(.notYetValid, .error, file: entry.file,
                message: "\(name) is not valid before \(Self.format(certificate.notBefore))",
                hint: "Check the server's clock, or wait until the certificate becomes valid."))
        } else if certificate.notAfter.timeIntervalSince(now) <= Double(expiryWarningDays) * 86_400 {
            let days = Int(certificate.notAfter.timeIntervalSince(now) / 86_400)
            findings.append(Finding(.expiresSoon, .warning, file: entry.file,
                message: "\(name) expires in \(days) day(s), on \(Self.format(certificate.notAfter))",
                hint: "Renew it soon; `pftls renew` installs the new one safely."))
        }
        let algorithm = certificate.keyAlgorithm
        if !algorithm.isDecodable {
            findings.append(Finding(.unsupportedKey, .error, file: entry.file,
                message: "\(name) carries a public key that OpenSSL cannot read (an unknown algorithm or damaged key data)",
                hint: "Postfix could not use it either: get the certificate again from the CA, or reissue it with an RSA or EC P-256 key."))
        } else if algorithm.isWeak {
            findings.append(weakKey(file: entry.file, what: name, algorithm: algorithm))
        }
        if entry.role != .root, let digest = certificate.signatureDigestName, ["SHA1", "MD5", "MD4", "MD2"].contains(digest) {
            findings.append(Finding(.sha1Signature, .warning, file: entry.file,
                message: "\(name) is signed with \(digest), which current clients reject",
                hint: "Ask the CA to reissue it with a SHA-256 signature."))
        }
        return findings
    }

    /// What only the served (leaf) certificate must satisfy.
    func checkLeaf(_ entry: ChainEntry, hostname: String?) -> [Finding] {
        var findings: [Finding] = []
        let certificate = entry.certificate
        let name = "\(SafeText.escape(entry.file)): \"\(certificate.subject)\""
        if certificate.isCA && !certificate.isSelfSigned {
            findings.append(Finding(.leafIsCA, .error, file: entry.file,
                message: "\(name) is a CA certificate (basicConstraints CA:TRUE), not a server certificate",
                hint: "Give the server certificate issued for this host; a CA certificate belongs after it as an intermediate."))
        }
        if certificate.lacksServerAuth {
            findings.append(Finding(.noServerAuth, .error, file: entry.file,
                message: "\(name) has an extended key usage without serverAuth, so TLS clients will reject it",
                hint: "Request a certificate for TLS Web Server Authentication (serverAuth)."))
        }
        if let usage = certificate.keyUsage, let missing = missingKeyUsage(usage, family: certificate.keyAlgorithm.family) {
            findings.append(Finding(.keyUsage, .warning, file: entry.file,
                message: "\(name) has a keyUsage without \(missing), which TLS needs for this key type",
                hint: "Strict clients may refuse it; ask the CA to reissue with digitalSignature (and keyEncipherment for RSA)."))
        }
        switch certificate.keyAlgorithm.family {
        case .ed25519, .ed448:
            findings.append(Finding(.ed25519Compat, .warning, file: entry.file,
                message: "\(name) has an \(certificate.keyAlgorithm.family.rawValue) key, which few mail servers and clients support",
                hint: "Serve an RSA or ECDSA certificate as well (smtpd_tls_chain_files takes one of each)."))
        default: break
        }
        if let hostname, !hostname.isEmpty, !certificate.matches(hostname: hostname) {
            let names = certificate.subjectAlternativeNames.joined(separator: ", ")
            findings.append(Finding(.hostnameMismatch, .warning, file: entry.file,
                message: "\(name) does not cover the host name \(SafeText.escape(hostname)) (it names: \(names.isEmpty ? "no subjectAltName" : names))",
                hint: "Use a certificate whose subjectAltName includes \(SafeText.escape(hostname)), or pass the right name with --hostname."))
        }
        return findings
    }

    /// The key strength finding, shared by certificates and the key file.
    func weakKey(file: String, what: String, algorithm: KeyAlgorithm) -> Finding {
        Finding(.weakKey, .error, file: file,
                message: "\(what) uses a weak key (\(algorithm))",
                hint: "Make a new key of RSA 2048 bits or more, or EC P-256 or more, and get a certificate for it.")
    }

    private func missingKeyUsage(_ usage: UInt32, family: KeyAlgorithm.Family) -> String? {
        let digitalSignature: UInt32 = 0x80
        let keyEncipherment: UInt32 = 0x20
        switch family {
        case .rsa: return usage & (digitalSignature | keyEncipherment) == 0 ? "digitalSignature or keyEncipherment" : nil
        default: return usage & digitalSignature == 0 ? "digitalSignature" : nil
        }
    }

    /// ISO 8601 in UTC, as shown in every finding.
    static func format(_ date: Date) -> String { UTCTimestamp.format(date) }
}
