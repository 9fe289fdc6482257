/// A forgotten intermediate: when the chain stops short and a file in the folder
/// being browsed (or the certificate's own folder) holds the missing issuer, the
/// `incomplete-chain` hint names that file.
public struct MissingIssuerSearch {
    let inspector: Inspector
    let fileSystem: FileSystem

    /// Searches with `inspector`'s trust store, reading through `fileSystem`.
    public init(inspector: Inspector, fileSystem: FileSystem) {
        self.inspector = inspector
        self.fileSystem = fileSystem
    }

    /// `findings` with the `incomplete-chain` hint naming the file that holds the
    /// issuer of the top of `chain`, when one of `folders` has it.
    public func improve(_ findings: [Finding], chain: [ChainEntry], assigned: Set<String>, folders: [String]) -> [Finding] {
        guard let index = findings.firstIndex(where: { $0.code == .incompleteChain || $0.code == .intermediateMissing }), let top = chain.last?.certificate,
              let path = IssuerFileSearch(inspector: inspector, fileSystem: fileSystem)
                  .file(holdingIssuerOf: top, in: folders, skipping: assigned) else { return findings }
        var improved = findings
        let finding = findings[index]
        improved[index] = Finding(finding.code, finding.severity, file: finding.file, message: finding.message,
                                  hint: Catalog.text("inspect.issuerFound", ["path": "\(SafeText.escape(path))", "issuer": "\(top.issuer)"]))
        return improved
    }
}
