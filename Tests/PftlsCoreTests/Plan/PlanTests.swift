import Testing

/// Parent suite of the change-plan tests (answers file, plan builder, guards),
/// so that `swift test --filter PlanTests` selects exactly them.
@Suite enum PlanTests {}
