extension MasterConfig {
    /// Damage from pasting a web page into master.cf: typographic dashes, `net` for
    /// `inet`, and `-o` lines without their leading whitespace.
    public var pasteDamage: [PasteDamage] {
        PasteDamageScanner.scan(text).map(\.damage)
    }

    /// The paste damage as `master-cf-paste-damage` error findings for `file`.
    public func pasteDamageFindings(file: String) -> [Finding] {
        pasteDamage.map { $0.finding(file: file) }
    }

    /// A copy with the repairable paste damage fixed; every other byte is unchanged.
    public func repaired() -> MasterConfig {
        var copy = self
        copy.text.apply(PasteDamageScanner.scan(text).flatMap(\.repair))
        return copy
    }
}
