import FoundationEssentials

/// Makes the ledger's record of one run from its plan and how it ended: each certificate
/// and key file the plan installs, matched to the answers' pair it holds (by the leaf's PEM
/// text in the file's new content, searched where a secret lies), with that pair's source
/// files and their SHA-256 as they are now.
struct DeployRecordMaker {
    let inspector: Inspector

    /// The record of `plan` run by `command`, ended at `now` with `outcome`.
    func record(_ plan: ChangePlan, command: DeployRecord.Command, now: Date, outcome: Result<ApplyOutcome, ApplyFailure>) -> DeployRecord {
        var record = DeployRecord(time: UTCTimestamp.format(now), configDirectory: plan.configDirectory, command: command, result: .applied,
                                  installed: installed(plan))
        switch outcome {
        case .success(let done):
            record.result = done.changed ? .applied : .unchanged
        case .failure(let failure):
            record.result = !failure.rolledBack ? .refused : failure.restoreProblems.isEmpty ? .rolledBack : .failed
            record.reasonCode = failure.code.description
            record.reason = String(SafeText.escape(failure.reason).prefix(2000))
        }
        return record
    }

    /// One pair of the answers: its files, the leaf its certificate file holds now, and the SNI names it serves.
    struct Pair {
        let key: KeySource
        let sni: [String]?
        let leaf: Certificate?
    }

    /// The answers' pairs: the default ones (unless they stay as they are), then each SNI entry's.
    func pairs(_ answers: Answers) -> [Pair] {
        let defaults = answers.keepsDefaultPairs ? [] : answers.defaultKeys.map { ($0, [String]?.none) }
        let entries = answers.sni.flatMap { entry in entry.keys.map { ($0, Optional(entry.names)) } }
        return (defaults + entries).map { key, names in Pair(key: key, sni: names, leaf: leaf(in: key.certificate)) }
    }

    /// The installed entries of `plan`: per file, one per pair whose leaf it holds; a key
    /// alone or intermediates alone go with the first default pair.
    func installed(_ plan: ChangePlan) -> [InstalledEntry] {
        let pairs = pairs(plan.answers)
        var sources: [String: DeploySource] = [:]
        func source(_ pair: Pair) -> DeploySource {
            if let known = sources[pair.key.certificate] { return known }
            let made = Self.source(pair.key, fileSystem: LocalFileSystem())
            sources[pair.key.certificate] = made
            return made
        }
        var entries: [InstalledEntry] = []
        for file in plan.files {
            guard let role = Self.role(file.role) else { continue }
            let digest = LedgerDigest.sha256(certificatesOnly: file.content)
            if role == "key" || role == "intermediates" {
                guard let first = pairs.first, first.sni == nil else { continue }
                entries.append(InstalledEntry(path: file.path, sha256: digest, role: role, source: source(first)))
                continue
            }
            for pair in pairs {
                guard let leaf = pair.leaf, LedgerDigest.content(file.content, holds: Array(leaf.pem.utf8)) else { continue }
                entries.append(InstalledEntry(path: file.path, sha256: digest, role: role, keyType: ServerKeyType(leaf.keyAlgorithm)?.rawValue,
                                              names: Self.dnsNames(leaf), notBefore: UTCTimestamp.format(leaf.notBefore),
                                              notAfter: UTCTimestamp.format(leaf.notAfter), leafSHA256: Hex.lowercase(leaf.sha256Fingerprint),
                                              sni: pair.sni, source: source(pair)))
            }
        }
        return entries
    }

    /// The leaf `file` holds: its first certificate that is no CA, else its first.
    func leaf(in file: String) -> Certificate? {
        let certificates = inspector.load(file, passphrases: nil).items.compactMap { item -> Certificate? in
            if case .certificate(let certificate) = item.object { certificate } else { nil }
        }
        return certificates.first { !$0.isCA } ?? certificates.first
    }

    /// The source of `key`: its files with the SHA-256 of each certificate file (the key's
    /// bytes are never hashed: a file holding both key and certificate is the key's path,
    /// unhashed, as well as the certificate), and the certbot lineage or acme.sh directory they lie in.
    static func source(_ key: KeySource, fileSystem: FileSystem) -> DeploySource {
        func hashed(_ path: String) -> DeploySource.File {
            DeploySource.File(path: path, sha256: (try? fileSystem.readFile(path, limit: 4 << 20)).map(LedgerDigest.sha256))
        }
        let certificate = hashed(key.certificate)
        return DeploySource(key: DeploySource.File(path: key.privateKey),
                            certificate: certificate, chain: key.intermediates.map(hashed),
                            certbotLineage: SourceOrigin.certbotLineage(of: key.certificate),
                            acmeDirectory: SourceOrigin.acmeDirectory(of: key.certificate))
    }

    /// The ledger's name for a file role; nil for configuration files.
    static func role(_ role: PlannedFile.Role) -> String? {
        switch role {
        case .keyAndChain, .sniChain: "chain"
        case .key, .dovecotKey: "key"
        case .certificate, .dovecotCertificate: "certificate"
        case .intermediates: "intermediates"
        case .mainConfig, .masterConfig, .dovecotConfig, .sniMap: nil
        }
    }

    /// The leaf's DNS names (subjectAltName).
    static func dnsNames(_ leaf: Certificate) -> [String] {
        leaf.subjectAlternativeNames.compactMap { $0.hasPrefix("DNS:") ? String($0.dropFirst(4)) : nil }
    }
}
