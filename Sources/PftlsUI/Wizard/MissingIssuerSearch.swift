import PftlsCore

/// A forgotten intermediate: when the chain stops short and a file in the folder
/// being browsed (or the certificate's own folder) holds the missing issuer, the
/// `incomplete-chain` hint names that file.
struct MissingIssuerSearch {
    let inspector: Inspector
    let fileSystem: FileSystem

    /// At most this many files are read per folder: the search must stay quick.
    static let maximumFiles = 64

    /// `findings` with the `incomplete-chain` hint naming the file that holds the
    /// issuer of the top of `chain`, when one of `folders` has it.
    func improve(_ findings: [Finding], chain: [ChainEntry], assigned: Set<String>, folders: [String]) -> [Finding] {
        guard let index = findings.firstIndex(where: { $0.code == .incompleteChain }), let top = chain.last?.certificate,
              let path = issuerFile(of: top, in: folders, skipping: assigned) else { return findings }
        var improved = findings
        let finding = findings[index]
        improved[index] = Finding(finding.code, finding.severity, file: finding.file, message: finding.message,
                                  hint: Catalog.text("MissingIssuerSearch.text", ["path": "\(SafeText.escape(path))", "issuer": "\(top.issuer)"]))
        return improved
    }

    private func issuerFile(of certificate: Certificate, in folders: [String], skipping assigned: Set<String>) -> String? {
        for folder in Set(folders).sorted() {
            let names = ((try? fileSystem.contentsOfDirectory(folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted().prefix(Self.maximumFiles)
            for name in names {
                let path = folder == "/" ? "/" + name : folder + "/" + name
                guard !assigned.contains(path) else { continue }
                let found = inspector.load(path, passphrases: nil).items.contains { item in
                    if case .certificate(let candidate) = item.object {
                        return certificate.namesIssuer(candidate) && certificate.isIssued(by: candidate)
                    }
                    return false
                }
                if found { return path }
            }
        }
        return nil
    }
}
