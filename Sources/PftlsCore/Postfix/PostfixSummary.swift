import FoundationEssentials
import Glibc

/// What the Start screen shows about the Postfix in place and its current TLS set-up.
public struct PostfixSummary: Sendable {
    public var version: String?
    public var configDirectory: String
    public var running: Bool
    /// The certificate and key files main.cf points at.
    public var filesInUse: [String]
    /// Subject, names and expiry of the certificate in use, when it could be read.
    public var certificateSubject: String?
    public var certificateNames: [String]
    public var notAfter: Date?
    /// A problem reading the current set-up.
    public var problem: String?
    /// The certificate in use (for `names-dropped` on renewal).
    public var currentLeaf: Certificate?
    /// The set-up in force as answers, when there is one to renew.
    public var renewal: Answers?
    /// `smtpd_tls_security_level` and `smtp_tls_security_level` in force (explicit or default).
    public var smtpdLevelInForce: String?
    public var smtpLevelInForce: String?
    /// The host name the certificate should cover (myhostname), for a new CSR.
    public var hostname: String?
    /// The MX names that point at this host (through DNS), also proposed for a new CSR.
    public var mxNames: [String] = []
    /// mydomain, for a proposal when myhostname is not fully qualified.
    public var domain: String?
    /// Where a new key and CSR go unless the user says otherwise (`RequestDefaults.directory`).
    public var requestDirectory: String
    /// The default pairs, one per key type, in load order (`ServerPresentation.pairs`).
    public var presentedKeys: [PresentedKey] = []
    /// The SNI maps in force, main.cf's first (`ServerPresentation.maps`).
    public var sniMaps: [SNIMapInUse] = []

    /// True when the server presents more than one certificate: several key types by
    /// default, or SNI maps. Start names them then; a single pair looks as it always did.
    public var presentsSeveral: Bool { Set(presentedKeys.map(\.type)).count > 1 || !sniMaps.isEmpty }

    /// The summary for `installation` from `setup`, its set-up in force as read once (or why
    /// it could not be read); the certificates in use are read once, inspected together and
    /// pair by pair (`ServerPresentation`), and the SNI maps' sources read through the
    /// inspector's file system.
    public static func read(_ installation: PostfixInstallation, setup read: Result<TLSSetupInForce, ConfigReadError>,
                            inspector: Inspector) -> PostfixSummary {
        var summary = PostfixSummary(version: installation.version?.description, configDirectory: installation.configDirectory,
                                     running: false, filesInUse: [], certificateSubject: nil,
                                     certificateNames: [], notAfter: nil, problem: nil, currentLeaf: nil, renewal: nil,
                                     smtpdLevelInForce: nil, smtpLevelInForce: nil, requestDirectory: installation.configDirectory)
        let setup: TLSSetupInForce
        switch read {
        case .success(let value): setup = value
        case .failure(let error):
            summary.running = installation.isRunning(with: nil)
            summary.problem = error.reason
            return summary
        }
        summary.running = installation.isRunning(with: setup)
        summary.requestDirectory = RequestDefaults.directory(setup: setup, configDirectory: installation.configDirectory)
        summary.smtpdLevelInForce = setup.smtpdLevel
        summary.smtpLevelInForce = setup.smtpLevel
        summary.filesInUse = setup.files
        let loaded = inspector.load(paths: summary.filesInUse)
        let presentation = ServerPresentation.read(setup, fileSystem: inspector.fileSystem, inspector: inspector, loaded: loaded)
        summary.presentedKeys = presentation.pairs.compactMap(PresentedKey.init)
        summary.sniMaps = presentation.maps
        guard !summary.filesInUse.isEmpty else { return summary }
        let report = inspector.inspect(decoded: loaded, options: InspectionOptions())
        if let leaf = report.leaf {
            summary.currentLeaf = leaf
            if case .success(let current) = RenewalPlanner(inspector: inspector).current(setup, inspection: report) {
                summary.renewal = current.answers
            }
            summary.certificateSubject = leaf.subject
            summary.certificateNames = leaf.subjectAlternativeNames
            summary.notAfter = leaf.notAfter
        } else if let first = report.findings.first(where: { $0.severity == .error }) {
            summary.problem = first.message
        }
        return summary
    }
}
