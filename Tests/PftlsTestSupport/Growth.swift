/// How work grows with its input, measured as the ratio of two timings (each the best of
/// three) rather than against a wall-clock limit, so a loaded machine does not fail a test
/// that guards against quadratic behaviour: linear work grows by about `factor`,
/// quadratic by about `factor` squared.
package enum Growth {
    /// The time `work(size * factor)` takes over the time `work(size)` takes.
    package static func ratio(size: Int, factor: Int, _ work: (Int) -> Void) -> Double {
        let small = best { work(size) }
        let large = best { work(size * factor) }
        return seconds(large) / max(seconds(small), 1e-6)
    }

    private static func best(_ work: () -> Void) -> Duration {
        (0..<3).map { _ in ContinuousClock().measure(work) }.min()!
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
