/// What a Postfix instance presents, per name and per key type: the default pairs
/// (`smtpd_tls_chain_files`, else the legacy RSA, DSA and ECDSA settings) and the SNI maps
/// of main.cf and of master.cf's `-o` overrides. check, plan, renew and the wizard read it
/// the same way.
public struct ServerPresentation {
    /// The default pairs in load order, one per key type when configured well.
    public let pairs: [PresentedPair]
    /// The SNI maps in force, main.cf's first.
    public let maps: [SNIMapInUse]

    /// The legacy settings, each certificate with its key (the key defaults to the certificate file).
    static let legacyPairs = [("smtpd_tls_key_file", "smtpd_tls_cert_file"), ("smtpd_tls_dkey_file", "smtpd_tls_dcert_file"),
                              ("smtpd_tls_eckey_file", "smtpd_tls_eccert_file")]

    /// A presentation of these pairs and maps.
    public init(pairs: [PresentedPair], maps: [SNIMapInUse]) {
        self.pairs = pairs
        self.maps = maps
    }

    /// Reads the pairs and maps `setup` names; `options` go to each pair's inspection, and
    /// `issuers` (files whose certificates may complete a chain) are offered to each pair.
    /// Files in `loaded` (decoded with the same options) are not read again.
    public static func read(_ setup: TLSSetupInForce, fileSystem: FileSystem, inspector: Inspector,
                            options: InspectionOptions = InspectionOptions(), issuers: [String] = [],
                            loaded: [DecodedFile] = []) -> ServerPresentation {
        let reader = PairReader(inspector: inspector)
        let pairs = setup.defaultPairFiles.flatMap { reader.pairs($0, issuers: issuers, options: options, loaded: loaded) }
        let maps = setup.sniMapReferences.map { SNIMapInUse($0.reference, service: $0.service, fileSystem: fileSystem) }
        return ServerPresentation(pairs: pairs, maps: maps)
    }

    /// The key types presented by default, in report order.
    public var keyTypes: [ServerKeyType] { pairs.keyTypes }

    /// The default pair of `type`.
    public func pair(of type: ServerKeyType) -> PresentedPair? { pairs.first { $0.keyType == type } }

    /// The entry whose map key is exactly `key` (`mail.example.org`, `.example.org`), in any map.
    public func entry(named key: String) -> SNIEntry? {
        let wanted = key.lowercased()
        return maps.lazy.compactMap { $0.source?.entries.first { $0.name.lowercased() == wanted } }.first
    }

    /// The map entry a client sending `serverName` gets from main.cf's maps (or `service`'s
    /// own), as Postfix looks it up: each form of the name (itself, then each `.parent`) in
    /// every map before the next form; nil: the default pairs.
    public func entry(for serverName: String, service: String? = nil) -> (map: SNIMapInUse, entry: SNIEntry)? {
        let inForce = maps.filter { $0.service == service }
        let searched = inForce.isEmpty ? maps.filter { $0.service == nil } : inForce
        for form in SNIMapSource.lookupForms(of: serverName) {
            for map in searched {
                if let entry = map.source?.entries.first(where: { $0.name.lowercased() == form }) { return (map, entry) }
            }
        }
        return nil
    }
}

extension TLSSetupInForce {
    /// The default pairs' files, one list per group Postfix reads as one concatenation:
    /// `smtpd_tls_chain_files` whole, else each legacy key with its certificate.
    public var defaultPairFiles: [[String]] {
        let chain = value("smtpd_tls_chain_files")
        if !chain.isEmpty { return [Self.fileList(chain)] }
        return ServerPresentation.legacyPairs.compactMap { key, certificate in
            let certificateFile = value(certificate)
            guard !certificateFile.isEmpty else { return nil }
            let keyFile = value(key)
            return keyFile.isEmpty || keyFile == certificateFile ? [certificateFile] : [keyFile, certificateFile]
        }
    }

    /// The `tls_server_sni_maps` tables of main.cf, then of each smtpd service's `-o` override.
    public var sniMapReferences: [(reference: SNIMapReference, service: String?)] {
        let type = value("default_database_type").isEmpty ? "hash" : value("default_database_type")
        var found = SNIMapInUse.references(in: value("tls_server_sni_maps"), defaultType: type).map { (reference: $0, service: String?.none) }
        for entry in master.services where entry.service.command == "smtpd" {
            guard let override = entry.service.option("tls_server_sni_maps") else { continue }
            found += SNIMapInUse.references(in: override, defaultType: type).map { (reference: $0, service: entry.service.name) }
        }
        return found
    }
}
