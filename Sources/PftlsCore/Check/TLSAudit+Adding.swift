extension TLSAudit.Report {
    /// The report with `extra` findings of the run itself (a metrics file that could not be
    /// written): every format then says them, and the verdict counts them.
    public func adding(_ extra: [Finding]) -> TLSAudit.Report {
        var report = self
        report.findings += extra
        return report
    }
}
