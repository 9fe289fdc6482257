/// certbot's lineages on this host: `ROOT/live/NAME`, each with the leaf of its `cert.pem`
/// (else `fullchain.pem`). Unreadable lineages are skipped; at most `lineageLimit` are read.
public struct CertbotScan {
    /// certbot's configuration directory when neither `--certbot-dir` nor `PFTLS_CERTBOT_DIR` names one.
    public static let defaultDirectory = "/etc/letsencrypt"
    /// At most this many lineages are read, in name order.
    static let lineageLimit = 1000

    /// certbot's configuration directory.
    public let root: String

    /// The scan of `root`.
    public init(root: String) {
        var path = root
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.root = path
    }

    /// certbot's directory: `option` (`--certbot-dir`), else `PFTLS_CERTBOT_DIR`, else /etc/letsencrypt.
    public static func resolve(option: String?, environment: (String) -> String? = ProcessEnvironment.value) -> CertbotScan {
        if let option, !option.isEmpty { return CertbotScan(root: option) }
        if let variable = environment("PFTLS_CERTBOT_DIR"), !variable.isEmpty { return CertbotScan(root: variable) }
        return CertbotScan(root: defaultDirectory)
    }

    /// `ROOT/live/NAME`.
    public func lineageDirectory(_ name: String) -> String { root + "/live/" + name }

    /// One lineage and the leaf it holds now.
    struct Lineage {
        let name: String
        let leaf: Certificate
    }

    /// The lineages whose certificate could be read.
    func lineages(fileSystem: FileSystem, inspector: Inspector) -> [Lineage] {
        let live = root + "/live"
        guard let names = try? fileSystem.contentsOfDirectory(live) else { return [] }
        let maker = DeployRecordMaker(inspector: inspector)
        return names.filter { !$0.hasPrefix(".") && $0 != "README" }.sorted().prefix(Self.lineageLimit).compactMap { name in
            let directory = live + "/" + name
            guard let leaf = maker.leaf(in: directory + "/cert.pem") ?? maker.leaf(in: directory + "/fullchain.pem") else { return nil }
            return Lineage(name: name, leaf: leaf)
        }
    }
}
