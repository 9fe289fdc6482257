extension ChangePlan {
    /// The same plan with `more` findings after its own: a renewal's checks of the old
    /// certificate against the new one (an error among them stops the plan as any other).
    public func adding(_ more: [Finding]) -> ChangePlan {
        var plan = self
        plan.findings += more
        return plan
    }
}
