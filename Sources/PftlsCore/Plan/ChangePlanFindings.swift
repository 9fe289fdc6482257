extension ChangePlan {
    /// The same plan with `more` findings after its own: a renewal's checks of the old
    /// certificate against the new one (an error among them stops the plan as any other).
    public func adding(_ more: [Finding]) -> ChangePlan {
        var plan = self
        plan.findings += more
        plan.settleIfRefused()
        return plan
    }

    /// A plan that cannot be applied never reads the stage started while it was planned: it
    /// is waited for here, so its directory is gone before the command ends.
    func settleIfRefused() {
        if hasErrors { _ = stagedComplaints?.value }
    }
}
