/// The certificate engine: reads key, certificate and chain files in any order and
/// form, and says whether Postfix will serve them correctly.
///
/// It takes the clock, the file system and the trust store as parameters; it
/// never prints and never writes.
public struct Inspector {
    /// Files above this size are refused before they are read.
    public static let maximumFileSize = 1 << 20
    /// All the files of one inspection together may hold no more than this.
    public static let maximumTotalSize = 4 << 20

    let fileSystem: FileSystem
    let clock: WallClock
    let trustStore: TrustStore

    /// Creates an engine over the given environment.
    public init(fileSystem: FileSystem = LocalFileSystem(), clock: WallClock = SystemClock(), trustStore: TrustStore = .system()) {
        self.fileSystem = fileSystem
        self.clock = clock
        self.trustStore = trustStore
    }

    /// Reads and inspects `paths`.
    public func inspect(paths: [String], options: InspectionOptions = InspectionOptions()) -> InspectionReport {
        inspect(decoded: load(paths: paths, options: options), options: options)
    }

    /// Reads and decodes `paths` within the bounds of one inspection (the total size and
    /// certificate count): what `inspect(paths:options:)` inspects, for a caller that
    /// inspects the same files more than one way without reading them again.
    public func load(paths: [String], options: InspectionOptions = InspectionOptions()) -> [DecodedFile] {
        var room = CertificateBudget.total
        var bytesLeft = Self.maximumTotalSize
        return paths.map { path in
            let file = load(path, passphrases: options.passphrases, certificateRoom: min(CertificateBudget.perFile, room), byteRoom: bytesLeft)
            room -= file.certificateCount
            bytesLeft -= file.size
            return file
        }
    }

    /// Reads and decodes one file, turning read failures into findings. `byteRoom` is
    /// what is left of the total bound of an inspection.
    public func load(_ path: String, passphrases: PassphraseSource?, certificateRoom: Int = CertificateBudget.perFile,
                     byteRoom: Int = Inspector.maximumTotalSize) -> DecodedFile {
        do {
            let bytes: [UInt8]
            do { bytes = try fileSystem.readFile(path, limit: min(Self.maximumFileSize, byteRoom)) } catch .tooLarge(_, let size, _) where size <= Self.maximumFileSize {
                var file = DecodedFile(path: path)
                file.findings.append(Finding(.tooLarge, .error, file: path,
                    message: Catalog.text("finding.tooLarge.total", ["file": SafeText.escape(path), "limit": "\(Self.maximumTotalSize)"]),
                    hint: Catalog.text("finding.tooLarge.total.hint")))
                return file
            }
            var file = FileDecoder(path: path, passphrases: passphrases, certificateRoom: certificateRoom).decode(bytes)
            file.size = bytes.count
            return file
        } catch {
            var file = DecodedFile(path: path)
            file.findings.append(Self.readFailure(path: path, error: error))
            return file
        }
    }

    /// Inspects files already decoded.
    public func inspect(decoded files: [DecodedFile], options: InspectionOptions) -> InspectionReport {
        var findings = files.flatMap(\.findings)
        let inputs = InspectionInputs(files, keyOnly: options.keyOnlyFiles)
        findings += inputs.findings(suppressingMissing: files.contains { $0.items.isEmpty && $0.findings.hasErrors })

        let checks = CertificateChecks(now: clock.now, expiryWarning: options.expiryWarning, expiryError: options.expiryError)
        let key = inputs.keys.first?.key
        if let key, let file = inputs.keys.first?.file {
            if !key.algorithm.isSupportedByPostfix {
                findings.append(Finding(.unsupportedKey, .error, file: file,
                    message: Catalog.text("finding.unsupportedKey.message", ["file": "\(SafeText.escape(file))", "algorithm": "\(key.algorithm)"]),
                    hint: Catalog.text("finding.unsupportedKey.hint")))
            } else if let curve = key.algorithm.curve, !KeyAlgorithm.negotiableCurves.contains(curve) {
                findings.append(Finding(.unsupportedKey, .error, file: file,
                    message: Catalog.text("finding.unsupportedKey.curve", ["file": "\(SafeText.escape(file))", "curve": "\(SafeText.escape(curve))"]),
                    hint: Catalog.text("finding.unsupportedKey.curveHint")))
            } else if key.algorithm.isWeak {
                findings.append(checks.weakKey(file: file, what: Catalog.text("inspect.privateKeyOf", ["file": "\(SafeText.escape(file))"]), algorithm: key.algorithm))
            }
        }

        guard let choice = ChainBuilder().chooseLeaf(among: inputs.certificates, key: key) else {
            return InspectionReport(findings: FindingLimit.cap(findings), chain: [], privateKey: key, files: files)
        }
        if let key, let keyFile = inputs.keys.first?.file, !choice.matchesKey {
            findings.append(Finding(.keyCertMismatch, .error, file: keyFile,
                message: Catalog.text("finding.keyCertMismatch.message", ["keyFile": "\(SafeText.escape(keyFile))", "algorithm": "\(key.algorithm)", "subject": "\(choice.leaf.certificate.subject)", "file": "\(SafeText.escape(choice.leaf.file))"]),
                hint: Catalog.text("finding.keyCertMismatch.hint")))
        }
        let built = ChainBuilder().build(leaf: choice.leaf, others: inputs.certificates.filter { $0.certificate !== choice.leaf.certificate })
        findings += built.findings
        let chain = Self.entries(built.chain)
        findings += namingIssuerFile(ChainCompleteness(trustStore: trustStore, privateCA: options.privateCA)
            .check(chain: chain, leftovers: built.leftovers), chain: chain, given: Set(files.map(\.path)))
        findings += Self.orderFindings(built.chain)
        for entry in chain {
            var memberFindings = checks.checkChainMember(entry)
            // The key file already reported a weak key for the leaf.
            if entry.role == .leaf, choice.matchesKey { memberFindings.removeAll { $0.code == .weakKey } }
            findings += memberFindings
        }
        findings += checks.checkLeaf(chain[0], hostname: options.hostname)
        for name in options.names where name != options.hostname && !chain[0].certificate.matches(hostname: name) {
            findings.append(Finding(.nameNotCovered, .warning, file: chain[0].file,
                message: Catalog.text("names.not-covered.message", ["file": SafeText.escape(chain[0].file), "name": SafeText.escape(name),
                                                                   "names": chain[0].certificate.subjectAlternativeNames.joinedAsList()]),
                hint: Catalog.text("names.not-covered.hint", ["name": SafeText.escape(name)])))
        }
        return InspectionReport(findings: FindingLimit.cap(findings), chain: chain, privateKey: key, files: files)
    }

    /// `findings` with the `intermediate-missing` hint naming the file beside the leaf
    /// that holds its issuer, when there is one.
    private func namingIssuerFile(_ findings: [Finding], chain: [ChainEntry], given: Set<String>) -> [Finding] {
        guard let index = findings.firstIndex(where: { $0.code == .intermediateMissing }), let leaf = chain.first,
              let path = IssuerFileSearch(inspector: self, fileSystem: LocalFileSystem())
                  .file(holdingIssuerOf: leaf.certificate, in: [AtomicFileWriter.split(leaf.file).directory], skipping: given) else {
            return findings
        }
        var named = findings
        let finding = findings[index]
        named[index] = Finding(finding.code, finding.severity, file: finding.file, message: finding.message,
                               hint: Catalog.text("finding.intermediateMissing.found", ["path": SafeText.escape(path)]) + " " + finding.hint)
        return named
    }

    private static func entries(_ chain: [PlacedCertificate]) -> [ChainEntry] {
        chain.enumerated().map { index, placed in
            let role: ChainRole = index == 0 ? .leaf : (placed.certificate.isSelfSigned ? .root : .intermediate)
            return ChainEntry(role: role, certificate: placed.certificate, file: placed.file)
        }
    }

    /// `chain-reordered` when a file lists chain certificates other than leaf first, bottom-up.
    private static func orderFindings(_ chain: [PlacedCertificate]) -> [Finding] {
        var findings: [Finding] = []
        for file in Set(chain.map(\.file)).sorted() {
            let ordinals = chain.filter { $0.file == file }.map(\.ordinal)
            if ordinals != ordinals.sorted() {
                findings.append(Finding(.chainReordered, .warning, file: file,
                    message: Catalog.text("finding.chainReordered.message", ["file": "\(SafeText.escape(file))"]),
                    hint: Catalog.text("finding.chainReordered.hint")))
            }
        }
        return findings
    }

    static func readFailure(path: String, error: FileSystemError) -> Finding {
        if case .tooLarge = error {
            return Finding(.tooLarge, .error, file: path, message: error.reason,
                           hint: Catalog.text("finding.tooLarge.hint"))
        }
        return Finding(.unreadable, .error, file: path, message: error.reason,
                       hint: Catalog.text("finding.unreadable.checkPathHint"))
    }
}
