/// Whether a listener serves the whole chain, not only the right leaf: the leaf, then
/// its issuers in order, up to a certificate the trust store knows (or whose issuer it
/// knows) or up to every intermediate that was installed (a private CA). A leaf served
/// without its intermediate passes a fingerprint comparison, while every client that
/// lacks the intermediate fails.
public struct ServedChain {
    let trustStore: TrustStore
    /// A private CA whose clients hold its root: serving what was installed is enough,
    /// even a leaf alone.
    let privateCA: Bool

    /// Creates a check against `trustStore`.
    public init(trustStore: TrustStore, privateCA: Bool = false) {
        self.trustStore = trustStore
        self.privateCA = privateCA
    }

    /// nil when `served` is whole; else the name of the first certificate missing after
    /// what was served. `installed` is the chain on disk, leaf first.
    public func missingIssuer(served: [Certificate], installed: [Certificate]) -> String? {
        guard let last = served.last else { return installed.first?.issuer }
        for (lower, upper) in zip(served, served.dropFirst()) where !lower.isIssued(by: upper) {
            return lower.issuer
        }
        if last.isSelfSigned || trustStore.issuer(of: last) != nil { return nil }
        let everyInstalledServed = !installed.isEmpty && installed.allSatisfy { wanted in served.contains { $0.isSame(as: wanted) } }
        if everyInstalledServed && (installed.count > 1 || privateCA) { return nil }
        return last.issuer
    }

    /// The `served-chain-incomplete` error for a listener at `place`, or nil when the chain is whole.
    public func finding(place: String, served: [Certificate], installed: [Certificate]) -> Finding? {
        guard let missing = missingIssuer(served: served, installed: installed) else { return nil }
        return Finding(.servedChainIncomplete, .error, file: nil,
                       message: Catalog.text("finding.servedChainIncomplete.message", ["place": place, "count": "\(served.count)", "issuer": missing]),
                       hint: Catalog.text("finding.servedChainIncomplete.hint"))
    }
}
