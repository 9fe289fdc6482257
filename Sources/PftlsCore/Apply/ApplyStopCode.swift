extension ApplyFailure {
    /// What stopped a run, as a stable code for scripts (`--json`'s `code`) and the deploy
    /// ledger (`reasonCode`); the reason says it in words.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable, CaseIterable {
            case planHasErrors = "plan-has-errors"
            case locked = "locked"
            case planStale = "plan-stale"
            case listenerUnavailable = "listener-unavailable"
            case stagedCheckFailed = "staged-check-failed"
            case backupFailed = "backup-failed"
            case directoryFailed = "directory-failed"
            case canaryRefused = "canary-refused"
            case interrupted = "interrupted"
            case writeFailed = "write-failed"
            case mapRebuildFailed = "map-rebuild-failed"
            case postfixCheckFailed = "postfix-check-failed"
            case dovecotCheckFailed = "dovecot-check-failed"
            case reloadFailed = "reload-failed"
            case notServed = "not-served"
        }

        fileprivate let backing: Backing

        /// The plan has errors: nothing was written.
        public static let planHasErrors = Code(backing: .planHasErrors)
        /// The configuration's lock could not be taken (another run holds it).
        public static let locked = Code(backing: .locked)
        /// The files changed since the plan was made.
        public static let planStale = Code(backing: .planStale)
        /// A listener the change needs cannot be had (its port is taken).
        public static let listenerUnavailable = Code(backing: .listenerUnavailable)
        /// Postfix's postconf refused the staged files.
        public static let stagedCheckFailed = Code(backing: .stagedCheckFailed)
        /// The backup could not be made (or its directory is unsafe): nothing was written.
        public static let backupFailed = Code(backing: .backupFailed)
        /// The certificate directory could not be made or checked again.
        public static let directoryFailed = Code(backing: .directoryFailed)
        /// A canary (Postfix's or Dovecot's) did not serve the new files: nothing was changed.
        public static let canaryRefused = Code(backing: .canaryRefused)
        /// A signal stopped the run (rolled back once anything was written).
        public static let interrupted = Code(backing: .interrupted)
        /// A file could not be written.
        public static let writeFailed = Code(backing: .writeFailed)
        /// An SNI map's database could not be built again.
        public static let mapRebuildFailed = Code(backing: .mapRebuildFailed)
        /// `postfix check` refused the new files.
        public static let postfixCheckFailed = Code(backing: .postfixCheckFailed)
        /// `doveconf` refused the new files.
        public static let dovecotCheckFailed = Code(backing: .dovecotCheckFailed)
        /// Postfix or Dovecot did not reload (or stopped).
        public static let reloadFailed = Code(backing: .reloadFailed)
        /// A listener did not serve the new certificate after the reload.
        public static let notServed = Code(backing: .notServed)

        /// Every code, for the documentation's own test.
        public static var all: [Code] { Backing.allCases.map(Code.init) }

        /// The code as printed.
        public var description: String { backing.rawValue }
    }
}
