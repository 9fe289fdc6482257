import PftlsCore

/// Something that happened: a key, a resize, or the result of background work.
public enum Event {
    case key(Key)
    case resize(width: Int, height: Int)
    case postfixDetected(PostfixInstallation, PostfixSummary)
    case listed(DirectoryListing)
    case classified(path: String, file: BrowserFile)
    case inspected(FilesInspection)
    case planned(ChangePlan)
    case applied(Result<ApplyOutcome, ApplyFailure>)
    case saved(message: String)
    case directoryChecked(path: String, findings: [Finding])
    case directoryCompleted(original: String, completion: String?)
    /// A typed path was opened: a directory (`file` nil) or a file and what it is.
    case opened(path: String, file: BrowserFile?)
    case requestMade(Result<RequestMaker.Made, RequestMaker.Problem>)
}

/// Work the wizard asks for; the effect runner does it off the UI thread and
/// answers with an event.
public enum Effect {
    case detectPostfix(configDirectory: String)
    case list(directory: String)
    case classify(paths: [String])
    /// Inspects the files; `unlocking` when the question is whether a typed passphrase opens the key.
    case inspect(FileAssignment, passphrase: SecretBytes?, unlocking: Bool)
    case plan(Answers, passphrase: SecretBytes?)
    case apply(ChangePlan, demo: Bool)
    case saveAnswers(Answers, path: String)
    case saveConfigSet(ChangePlan, directory: String)
    case checkDirectory(String)
    case completeDirectory(String)
    case open(path: String)
    case makeRequest(names: [String], keyType: RequestMaker.KeyType, directory: String, subject: RequestSubject)
}

/// A directory's entries, directories first, each sorted by name.
public struct DirectoryListing: Sendable, Equatable {
    public let path: String
    public let directories: [String]
    public let files: [String]
    /// Set when the directory could not be read.
    public let problem: String?

    /// Creates a listing.
    public init(path: String, directories: [String], files: [String], problem: String?) {
        self.path = path
        self.directories = directories
        self.files = files
        self.problem = problem
    }
}

/// Which file plays which part.
public struct FileAssignment: Sendable, Equatable {
    public var key: String?
    public var certificate: String?
    public var intermediates: [String] = []
    /// The certificate comes from a private CA whose clients hold its root: a leaf without
    /// its intermediate is a warning (`incomplete-chain`), not `intermediate-missing`.
    public var privateCA = false

    /// Creates an assignment.
    public init(key: String? = nil, certificate: String? = nil, intermediates: [String] = [], privateCA: Bool = false) {
        self.key = key
        self.certificate = certificate
        self.intermediates = intermediates
        self.privateCA = privateCA
    }

    /// Every assigned path, key first.
    public var paths: [String] { [key, certificate].compactMap { $0 } + intermediates }
}
