extension ChangePlan {
    /// A renewal given no `--key` keeps the key in use: when the new certificate belongs
    /// to another key, the mismatch says to name that key with `--key`, and the DANE
    /// rollover to a key that will not be installed (`tlsa-rollover`) is not suggested.
    public func explainingKeptKeyMismatch(keyInUse: String) -> ChangePlan {
        guard findings.contains(where: { $0.code == .keyCertMismatch && $0.severity == .error }) else { return self }
        var plan = self
        plan.findings = findings.compactMap { finding in
            if finding.code == .tlsaRollover { return nil }
            guard finding.code == .keyCertMismatch else { return finding }
            return Finding(finding.code, finding.severity, file: finding.file, message: finding.message,
                           hint: Catalog.text("renew.kept-key-mismatch.hint", ["key": SafeText.escape(keyInUse)]))
        }
        return plan
    }
}
