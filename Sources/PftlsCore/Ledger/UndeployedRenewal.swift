import FoundationEssentials

/// The rule of `renewal-not-deployed`: a source now holds a certificate that should have
/// replaced the installed one. It must differ from the installed one, start later (a
/// newer notBefore), cover at least every DNS name the installed one covers, and never
/// have been installed (a certificate rolled back on purpose is not reported again).
public enum UndeployedRenewal {
    /// True when `candidate` (what the source holds now) is a renewal of `installed` that
    /// was never deployed; `everInstalled` says whether the ledger shows it installed once.
    public static func isUndeployed(installed: Certificate, candidate: Certificate, everInstalled: Bool) -> Bool {
        guard !everInstalled, !candidate.isSame(as: installed), candidate.notBefore > installed.notBefore else { return false }
        return coversNames(of: installed, candidate: candidate)
    }

    /// True when `candidate` names every DNS name `installed` names (case aside).
    public static func coversNames(of installed: Certificate, candidate: Certificate) -> Bool {
        let had = names(installed)
        return !had.isEmpty && had.isSubset(of: names(candidate))
    }

    /// True when `one` and `other` name the same DNS names, no more (case aside).
    public static func namesEqual(_ one: Certificate, _ other: Certificate) -> Bool {
        let had = names(one)
        return !had.isEmpty && had == names(other)
    }

    private static func names(_ leaf: Certificate) -> Set<String> { Set(DeployRecordMaker.dnsNames(leaf).map { $0.lowercased() }) }
}

extension FindingCode {
    /// A source the installed certificate came from (the ledger's, or a certbot lineage for
    /// the same names) holds a newer certificate that was never deployed.
    public static let renewalNotDeployed: FindingCode = "renewal-not-deployed"
    /// The deploy ledger could not be read safely (a link, another user's file or directory).
    public static let ledgerUnusable: FindingCode = "ledger-unusable"
}
