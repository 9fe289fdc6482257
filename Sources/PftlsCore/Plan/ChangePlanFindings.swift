extension ChangePlan {
    /// The same plan with `more` findings after its own: a renewal's checks of the old
    /// certificate against the new one (an error among them stops the plan as any other).
    public func adding(_ more: [Finding]) -> ChangePlan {
        guard !more.isEmpty else { return self }
        return ChangePlan(answers: answers, layout: layout, configDirectory: configDirectory, directoryToCreate: directoryToCreate,
                          files: files, findings: findings + more, probes: probes, leaf: leaf, baseline: baseline)
    }
}
