/// The wizard's screens, in order.
public enum StepID: Int, CaseIterable, Sendable, Comparable {
    case start, directory, files, passphrase, levels, services, review, result

    /// The step bar's label.
    public var title: String {
        switch self {
        case .start: "Start"
        case .directory: "1 Directory"
        case .files: "2 Files"
        case .passphrase: "3 Passphrase"
        case .levels: "4 Levels"
        case .services: "5 Services"
        case .review: "6 Review"
        case .result: "Done"
        }
    }

    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a step stands, as the step bar shows it.
public enum StepState: Sendable, Equatable {
    case pending, current, done, warnings, errors
}
