/// Finds the file that holds a certificate's issuer in a few folders: a forgotten
/// intermediate usually lies beside the server certificate (`intermediate.crt`).
public struct IssuerFileSearch {
    let inspector: Inspector
    let fileSystem: FileSystem

    /// At most this many files are read per folder: the search must stay quick.
    public static let maximumFiles = 64

    /// Creates a search that reads files with `inspector`.
    public init(inspector: Inspector, fileSystem: FileSystem) {
        self.inspector = inspector
        self.fileSystem = fileSystem
    }

    /// The first file in `folders` (hidden files and `skipping` left out) that holds a
    /// certificate which issued `certificate`; nil when none does.
    public func file(holdingIssuerOf certificate: Certificate, in folders: [String], skipping: Set<String> = []) -> String? {
        for folder in Set(folders).sorted() {
            let names = ((try? fileSystem.contentsOfDirectory(folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted().prefix(Self.maximumFiles)
            for name in names {
                let path = folder == "/" ? "/" + name : folder + "/" + name
                guard !skipping.contains(path) else { continue }
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
