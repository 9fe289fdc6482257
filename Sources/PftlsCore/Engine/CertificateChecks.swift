import FoundationEssentials
import Glibc

/// Checks of single certificates: validity dates, key strength, signature hash,
/// and what a server certificate must allow.
struct CertificateChecks {
    let now: Date
    /// When `expires-soon` is raised, per certificate (by default a share of its lifetime).
    let expiryWarning: ExpiryLimit
    /// When `expires-soon` becomes an error; nil: only `expired` is.
    var expiryError: ExpiryLimit? = nil

    /// Validity, key strength and signature hash, for any certificate of the chain.
    func checkChainMember(_ entry: ChainEntry) -> [Finding] {
        var findings: [Finding] = []
        let certificate = entry.certificate
        // Named only in a finding: most certificates have none.
        lazy var name = Catalog.text("certificate.named", ["file": SafeText.escape(entry.file), "role": Catalog.text("role.\(entry.role.rawValue)"), "subject": "\(certificate.subject)"])
        if certificate.notAfter < now {
            findings.append(Finding(.expired, .error, file: entry.file,
                message: Catalog.text("finding.expired.message", ["name": "\(name)", "date": "\(Self.format(certificate.notAfter))"]),
                hint: entry.role == .leaf ? Catalog.text("finding.expired.renewHint")
                    : Catalog.text("finding.intermediate.downloadHint")))
        } else if certificate.notBefore > now {
            findings.append(Finding(.notYetValid, .error, file: entry.file,
                message: Catalog.text("finding.notYetValid.message", ["name": "\(name)", "date": "\(Self.format(certificate.notBefore))"]),
                hint: Catalog.text("finding.notYetValid.hint")))
        } else if let severity = expirySeverity(of: certificate) {
            findings.append(Finding(.expiresSoon, severity, file: entry.file,
                message: Self.expiresSoonMessage(name: name, secondsLeft: certificate.notAfter.timeIntervalSince(now), date: Self.format(certificate.notAfter)),
                hint: Catalog.text("finding.expiresSoon.hint")))
        }
        let algorithm = certificate.keyAlgorithm
        if !algorithm.isDecodable {
            findings.append(Finding(.unsupportedKey, .error, file: entry.file,
                message: Catalog.text("finding.unsupportedKey.unreadablePublicKey", ["name": "\(name)"]),
                hint: Catalog.text("finding.unsupportedKey.unreadablePublicKeyHint")))
        } else if algorithm.isWeak {
            findings.append(weakKey(file: entry.file, what: name, algorithm: algorithm))
        }
        if entry.role != .root, let digest = certificate.signatureDigestName, ["SHA1", "MD5", "MD4", "MD2"].contains(digest) {
            findings.append(Finding(.sha1Signature, .warning, file: entry.file,
                message: Catalog.text("finding.sha1Signature.message", ["name": "\(name)", "digest": "\(digest)"]),
                hint: Catalog.text("finding.sha1Signature.hint")))
        }
        return findings
    }

    /// `expires-soon`'s sentence: in days, or in hours within the last day (a 6-day
    /// certificate goes critical about 14 hours before its end, never "in 0 days").
    private static func expiresSoonMessage(name: String, secondsLeft: Double, date: String) -> String {
        let days = Int(secondsLeft / 86_400)
        guard days < 1 else {
            return Catalog.text(days == 1 ? "finding.expiresSoon.messageOneDay" : "finding.expiresSoon.message", ["name": name, "days": "\(days)", "date": date])
        }
        let hours = Int(secondsLeft / 3_600)
        return Catalog.text(hours <= 1 ? "finding.expiresSoon.messageOneHour" : "finding.expiresSoon.messageHours", ["name": name, "hours": "\(hours)", "date": date])
    }

    /// `expires-soon`'s severity for a certificate still valid: an error past `expiryError`,
    /// a warning past `expiryWarning`, else none. The error is checked first, so a critical
    /// threshold beyond the warning one still counts.
    func expirySeverity(of certificate: Certificate) -> Severity? {
        let secondsLeft = certificate.notAfter.timeIntervalSince(now)
        let (notBefore, notAfter) = (certificate.notBefore, certificate.notAfter)
        if let expiryError, expiryError.isCrossed(secondsLeft: secondsLeft, notBefore: notBefore, notAfter: notAfter) { return .error }
        return expiryWarning.isCrossed(secondsLeft: secondsLeft, notBefore: notBefore, notAfter: notAfter) ? .warning : nil
    }

    /// What only the served (leaf) certificate must satisfy.
    func checkLeaf(_ entry: ChainEntry, hostname: String?) -> [Finding] {
        var findings: [Finding] = []
        let certificate = entry.certificate
        lazy var name = Catalog.text("certificate.in-file", ["file": SafeText.escape(entry.file), "subject": "\(certificate.subject)"])
        if certificate.isCA && !certificate.isSelfSigned {
            findings.append(Finding(.leafIsCA, .error, file: entry.file,
                message: Catalog.text("finding.leafIsCA.message", ["name": "\(name)"]),
                hint: Catalog.text("finding.leafIsCA.hint")))
        }
        if certificate.lacksServerAuth {
            findings.append(Finding(.noServerAuth, .error, file: entry.file,
                message: Catalog.text("finding.noServerAuth.message", ["name": "\(name)"]),
                hint: Catalog.text("finding.noServerAuth.hint")))
        }
        if let usage = certificate.keyUsage, let missing = missingKeyUsage(usage, family: certificate.keyAlgorithm.family) {
            findings.append(Finding(.keyUsage, .warning, file: entry.file,
                message: Catalog.text("finding.keyUsage.message", ["name": "\(name)", "missing": "\(missing)"]),
                hint: Catalog.text("finding.keyUsage.hint")))
        }
        switch certificate.keyAlgorithm.family {
        case .ed25519, .ed448:
            findings.append(Finding(.ed25519Compat, .warning, file: entry.file,
                message: Catalog.text("finding.ed25519Compat.message", ["name": "\(name)", "algorithm": "\(certificate.keyAlgorithm.family.rawValue)"]),
                hint: Catalog.text("finding.ed25519Compat.hint")))
        default: break
        }
        if let hostname, !hostname.isEmpty, !certificate.matches(hostname: hostname) {
            let names = certificate.subjectAlternativeNames.joinedAsList()
            findings.append(Finding(.hostnameMismatch, .warning, file: entry.file,
                message: Catalog.text("finding.hostnameMismatch.message", ["name": "\(name)", "hostname": "\(SafeText.escape(hostname))", "names": names.isEmpty ? Catalog.text("finding.hostnameMismatch.noNames") : names]),
                hint: Catalog.text("finding.hostnameMismatch.hint", ["hostname": "\(SafeText.escape(hostname))"])))
        }
        return findings
    }

    /// The key strength finding, shared by certificates and the key file.
    func weakKey(file: String, what: String, algorithm: KeyAlgorithm) -> Finding {
        Finding(.weakKey, .error, file: file,
                message: Catalog.text("finding.weakKey.message", ["what": "\(what)", "algorithm": "\(algorithm)"]),
                hint: Catalog.text("finding.weakKey.hint"))
    }

    private func missingKeyUsage(_ usage: UInt32, family: KeyAlgorithm.Family) -> String? {
        let digitalSignature: UInt32 = 0x80
        let keyEncipherment: UInt32 = 0x20
        switch family {
        case .rsa: return usage & (digitalSignature | keyEncipherment) == 0 ? Catalog.text("finding.keyUsage.expected") : nil
        default: return usage & digitalSignature == 0 ? "digitalSignature" : nil
        }
    }

    /// ISO 8601 in UTC, as shown in every finding.
    static func format(_ date: Date) -> String { UTCTimestamp.format(date) }
}
