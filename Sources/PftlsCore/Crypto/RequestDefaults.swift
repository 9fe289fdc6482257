/// What `pftls csr` and the wizard's CSR screen propose when they are not told: the
/// directory for the key and CSR, and the name (myhostname) the certificate is for.
public enum RequestDefaults {
    /// The directory of the certificate files in use (`TLSSetupInForce.certificateDirectory`),
    /// else the configuration directory, which the wizard's Directory step proposes when
    /// nothing is in use.
    public static func directory(setup: TLSSetupInForce?, configDirectory: String) -> String {
        setup?.certificateDirectory ?? configDirectory
    }

    /// The name to propose from myhostname.
    public enum HostName: Equatable, Sendable {
        /// myhostname is a fully qualified name: the certificate's name.
        case qualified(String)
        /// myhostname has no dot (`vm`): a CA issues for fully qualified names only.
        /// `proposal` is myhostname.mydomain when mydomain has a dot.
        case unqualified(hostname: String, proposal: String?)
        /// No host name to go on.
        case unknown
    }

    /// Judges `myhostname` (as postconf gives it) with `mydomain` for a proposal.
    public static func hostName(myhostname: String?, mydomain: String?) -> HostName {
        guard let myhostname, !myhostname.isEmpty else { return .unknown }
        if myhostname.contains(".") { return RequestMaker.isHostName(myhostname) ? .qualified(myhostname) : .unknown }
        guard let mydomain, mydomain.contains("."), RequestMaker.isHostName(myhostname + "." + mydomain) else {
            return .unqualified(hostname: myhostname, proposal: nil)
        }
        return .unqualified(hostname: myhostname, proposal: myhostname + "." + mydomain)
    }
}

extension RequestDefaults.HostName {
    /// What to tell `asker` about an unqualified myhostname (that a certificate needs a
    /// fully qualified name, and the proposal); nil when there is nothing to tell.
    public func advice(for asker: RequestMaker.Asker) -> String? {
        guard case .unqualified(let hostname, let proposal) = self else { return nil }
        let prefix = asker == .wizard ? "request" : "csr"
        guard let proposal else { return Catalog.text(prefix + ".hostname-unqualified", ["hostname": SafeText.escape(hostname)]) }
        return Catalog.text(prefix + ".hostname-proposal", ["hostname": SafeText.escape(hostname), "proposal": proposal])
    }
}
