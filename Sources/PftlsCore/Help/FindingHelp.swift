extension ParameterHelpCatalog {
    /// Findings of `check` that need more than their hint: `pftls explain CODE`.
    static let findings: [ParameterHelp] = [
        ParameterHelp(ParameterHelp.findingPrefix + FindingCode.renewalNotDeployed.rawValue, default: nil,
                      reference: "pftls check --help, pftls renew --help"),
        ParameterHelp(ParameterHelp.findingPrefix + FindingCode.nextKeyTLSAMissing.rawValue, default: nil,
                      reference: "pftls csr --help, RFC 7671 section 8.1"),
        ParameterHelp(ParameterHelp.findingPrefix + FindingCode.tlsaStaleRecord.rawValue, default: nil,
                      reference: "pftls csr --help, RFC 7671 section 8.1"),
        ParameterHelp(ParameterHelp.findingPrefix + FindingCode.nextKeyUnusable.rawValue, default: nil,
                      reference: "pftls csr --help"),
        ParameterHelp(ParameterHelp.findingPrefix + FindingCode.ledgerUnusable.rawValue, default: nil,
                      reference: "pftls check --help"),
    ]
}
