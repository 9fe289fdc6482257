import Glibc

/// A lineage certbot renewed (`$RENEWED_LINEAGE`, `/etc/letsencrypt/live/NAME`) and
/// whether it is this Postfix's. certbot runs its deploy hooks for every certificate it
/// renews, the web server's too; only Postfix's own lineage may be installed.
public struct CertbotLineage: Sendable {
    /// The lineage directory, as certbot gave it.
    public let directory: String

    /// Creates the lineage for `directory`.
    public init(directory: String) {
        self.directory = DirectoryKey.of(directory)
    }

    /// NAME, the last part of the directory (certbot's `--cert-name`).
    public var name: String { Self.lastComponent(directory) }

    /// The files certbot keeps there.
    public var request: RenewalRequest { RenewalRequest.certbot(lineage: directory) }

    /// Whose lineage this is. `configured` is the lineage set for Postfix (`--lineage`,
    /// `PFTLS_CERTBOT_LINEAGE`): when set, it is the only one installed. Otherwise the lineage
    /// is Postfix's when the files in use are its files, or when `leaf` (its certificate,
    /// nil when unreadable) covers a name in use.
    ///
    /// `recorded` is the lineage the deploy ledger says the pair this one would replace came
    /// from (`installed` its certificate): once pftls installed it from one lineage, another
    /// is not Postfix's merely because it covers a name in use (a web server's lineage for
    /// `www` and `mail`), unless that certificate is one of its own or the recorded lineage
    /// is gone.
    public func verdict(configured: String?, filesInUse: [String], names: NamesInUse, leaf: Certificate?,
                        recorded: String? = nil, installed: Certificate? = nil) -> LineageVerdict {
        if let configured = configured.map(DirectoryKey.of), !configured.isEmpty {
            return Self.lastComponent(configured) == name ? .configured : .notConfigured(Self.lastComponent(configured))
        }
        if filesInUse.contains(where: holds) { return .holdsFilesInUse }
        // A recorded lineage that certbot no longer has (renamed, deleted) says nothing any more.
        if let recorded = recorded.map(DirectoryKey.of), recorded != directory, access(recorded + "/cert.pem", F_OK) == 0,
           !(installed.map { CertbotScan.issued($0, certificateLink: directory + "/cert.pem", fileSystem: LocalFileSystem(), inspector: Inspector()) } ?? false) {
            return .recordedOther(Self.lastComponent(recorded))
        }
        guard let leaf else { return .unreadable }
        if let name = names.firstCovered(by: leaf) { return .covers(name) }
        return .coversNone(names.names)
    }

    /// True when `file` lies in this lineage: in its live/ directory, or in the archive/
    /// directory its links point into.
    func holds(_ file: String) -> Bool {
        guard let folder = Self.resolved(AtomicFileWriter.split(file).directory) else { return false }
        let own = [Self.resolved(directory), Self.resolved(request.certificate).map { AtomicFileWriter.split($0).directory }]
        return own.contains(folder)
    }

    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// Whether a renewed certbot lineage is installed, and why: one line for certbot's log.
public enum LineageVerdict: Equatable, Sendable {
    /// It is the lineage set for Postfix.
    case configured
    /// Postfix's configuration names its files.
    case holdsFilesInUse
    /// Its certificate covers this name in use.
    case covers(String)
    /// Its certificate cannot be read: it goes on to the checks, which refuse it.
    case unreadable
    /// Another lineage (this one) is set for Postfix: skipped.
    case notConfigured(String)
    /// Its certificate covers none of these names in use: skipped.
    case coversNone([String])
    /// The deploy ledger says the files in use came from this other lineage: skipped.
    case recordedOther(String)

    /// True when the lineage is installed.
    public var installs: Bool {
        switch self {
        case .configured, .holdsFilesInUse, .covers, .unreadable: true
        case .notConfigured, .coversNone, .recordedOther: false
        }
    }

    /// The line that says what happens to `lineage` and why.
    public func line(lineage: CertbotLineage) -> String {
        let name = SafeText.escape(lineage.name)
        switch self {
        case .configured:
            return Catalog.text("renew.lineage.configured", ["lineage": name])
        case .holdsFilesInUse:
            return Catalog.text("renew.lineage.files-in-use", ["lineage": name])
        case .covers(let covered):
            return Catalog.text("renew.lineage.covers", ["lineage": name, "name": SafeText.escape(covered)])
        case .unreadable:
            return Catalog.text("renew.lineage.unreadable", ["lineage": name])
        case .notConfigured(let configured):
            return Catalog.text("renew.lineage.skipped.not-configured", ["lineage": name, "configured": SafeText.escape(configured)])
        case .recordedOther(let recorded):
            return Catalog.text("renew.lineage.skipped.recorded-other", ["lineage": name, "recorded": SafeText.escape(recorded)])
        case .coversNone(let names):
            return Catalog.text("renew.lineage.skipped.no-name", ["lineage": name, "names": names.isEmpty ? "-" : names.map(SafeText.escape).joined(separator: Catalog.text("list.separator"))])
        }
    }
}
