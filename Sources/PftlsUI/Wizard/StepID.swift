import PftlsCore
/// The wizard's screens, in order.
public enum StepID: Int, CaseIterable, Sendable, Comparable {
    case start, request, directory, files, passphrase, levels, services, review, result

    /// The step bar's label.
    public var title: String {
        switch self {
        case .start: Catalog.text("step.start")
        case .request: Catalog.text("step.request")
        case .directory: "1 " + Catalog.text("step.directory")
        case .files: "2 " + Catalog.text("step.files")
        case .passphrase: "3 " + Catalog.text("step.passphrase")
        case .levels: "4 " + Catalog.text("step.levels")
        case .services: "5 " + Catalog.text("step.services")
        case .review: "6 " + Catalog.text("step.review")
        case .result: Catalog.text("step.result")
        }
    }

    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a step stands, as the step bar shows it.
public enum StepState: Sendable, Equatable {
    case pending, current, done, warnings, errors
    /// The step does not apply (the passphrase of a key that is not encrypted).
    case skipped
}
