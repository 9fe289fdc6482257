/// A set of wizard steps, as bits. A `Set<StepID>` would do, but the Swift runtime makes
/// its storage type on first use by searching every conformance in the binary (tens of
/// microseconds on the way to the first frame).
public struct StepSet: Equatable, Sendable, ExpressibleByArrayLiteral {
    private var bits: UInt32 = 0

    /// The set of `steps`.
    public init(arrayLiteral steps: StepID...) {
        for step in steps { insert(step) }
    }

    /// True when `step` is in the set.
    public func contains(_ step: StepID) -> Bool {
        bits & (1 << UInt32(step.rawValue)) != 0
    }

    /// Adds `step`.
    public mutating func insert(_ step: StepID) {
        bits |= 1 << UInt32(step.rawValue)
    }
}
