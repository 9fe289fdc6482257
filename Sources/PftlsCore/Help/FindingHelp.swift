extension ParameterHelpCatalog {
    /// Findings of `check` that need more than their hint: `pftls explain CODE`.
    static let findings: [ParameterHelp] = [
        ParameterHelp(ParameterHelp.findingPrefix + FindingCode.renewalNotDeployed.rawValue, default: nil,
                      reference: "pftls check --help, pftls renew --help"),
    ]
}
