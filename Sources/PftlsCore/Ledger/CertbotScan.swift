/// certbot's lineages on this host: `ROOT/live/NAME`, each with the leaf of its `cert.pem`
/// (else `fullchain.pem`). Unreadable lineages are skipped; at most `lineageLimit` are read.
/// When Postfix's lineage is configured (`PFTLS_CERTBOT_LINEAGE`, as for certbot's deploy
/// hook), it is the only one read.
public struct CertbotScan {
    /// certbot's configuration directory when neither `--certbot-dir` nor `PFTLS_CERTBOT_DIR` names one.
    public static let defaultDirectory = "/etc/letsencrypt"
    /// At most this many lineages are read, in name order.
    static let lineageLimit = 1000
    /// At most this many of a lineage's own certificates (`archive/NAME/cert*.pem`) are read, newest first.
    static let archiveLimit = 100

    /// certbot's configuration directory.
    public let root: String
    /// Postfix's lineage (NAME, or a `live/NAME` path), when it is set: the only one read.
    public let configuredLineage: String?

    /// The scan of `root`; of `configuredLineage` alone when it is set.
    public init(root: String, configuredLineage: String? = nil) {
        self.root = DirectoryKey.of(root)
        self.configuredLineage = configuredLineage.flatMap { $0.split(separator: "/").last.map(String.init) }
    }

    /// certbot's directory: `option` (`--certbot-dir`), else `PFTLS_CERTBOT_DIR`, else
    /// /etc/letsencrypt; with the lineage `PFTLS_CERTBOT_LINEAGE` names, when it names one.
    public static func resolve(option: String?, environment: (String) -> String? = ProcessEnvironment.value) -> CertbotScan {
        let configured = environment("PFTLS_CERTBOT_LINEAGE").flatMap { $0.isEmpty ? nil : $0 }
        if let option, !option.isEmpty { return CertbotScan(root: option, configuredLineage: configured) }
        if let variable = environment("PFTLS_CERTBOT_DIR"), !variable.isEmpty { return CertbotScan(root: variable, configuredLineage: configured) }
        return CertbotScan(root: defaultDirectory, configuredLineage: configured)
    }

    /// `ROOT/live/NAME`.
    public func lineageDirectory(_ name: String) -> String { root + "/live/" + name }

    /// One lineage and the leaf it holds now.
    struct Lineage {
        let name: String
        let leaf: Certificate
    }

    /// The lineages whose certificate could be read (only the configured one, when one is).
    func lineages(fileSystem: FileSystem, inspector: Inspector) -> [Lineage] {
        let live = root + "/live"
        let names: [String]
        if let configuredLineage { names = [configuredLineage] } else {
            guard let all = try? fileSystem.contentsOfDirectory(live) else { return [] }
            names = all
        }
        let maker = DeployRecordMaker(inspector: inspector)
        return names.filter { !$0.hasPrefix(".") && $0 != "README" }.sorted().prefix(Self.lineageLimit).compactMap { name in
            let directory = live + "/" + name
            guard let leaf = maker.leaf(in: directory + "/cert.pem") ?? maker.leaf(in: directory + "/fullchain.pem") else { return nil }
            return Lineage(name: name, leaf: leaf)
        }
    }

    /// True when `leaf` is one of `lineage`'s own certificates: a `cert*.pem` in the directory
    /// its `cert.pem` resolves into (certbot's `archive/NAME`), the newest `archiveLimit` of them.
    func issued(_ leaf: Certificate, in lineage: Lineage, fileSystem: FileSystem, inspector: Inspector) -> Bool {
        Self.issued(leaf, certificateLink: lineageDirectory(lineage.name) + "/cert.pem", fileSystem: fileSystem, inspector: inspector)
    }

    /// True when `leaf` is one of the certificates of the lineage whose `cert.pem` is `link`
    /// (a `cert*.pem` in the directory it resolves into), the newest `archiveLimit` of them.
    static func issued(_ leaf: Certificate, certificateLink link: String, fileSystem: FileSystem, inspector: Inspector) -> Bool {
        let archive = AtomicFileWriter.split(fileSystem.resolvedPath(link) ?? link).directory
        guard let names = try? fileSystem.contentsOfDirectory(archive) else { return false }
        let maker = DeployRecordMaker(inspector: inspector)
        let number = { (name: String) in Int(name.dropFirst(4).dropLast(4)) ?? -1 }
        return names.filter { $0.hasPrefix("cert") && $0.hasSuffix(".pem") }.sorted { number($0) > number($1) }.prefix(archiveLimit)
            .contains { maker.leaf(in: archive + "/" + $0)?.isSame(as: leaf) == true }
    }
}
