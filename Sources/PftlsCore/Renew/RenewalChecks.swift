import FoundationEssentials

extension FindingCode {
    /// The new certificate ends before the one in use.
    public static let expiresSooner: FindingCode = "expires-sooner"
}

extension RenewalRequest {
    /// The answers that install this request into the set-up in force `current`: its
    /// directory, layout, levels and services stay; the key is the new one, or with none
    /// given the key in use (the plan then checks that it matches the new certificate).
    public func answers(replacing current: Answers) -> Answers {
        var answers = current
        answers.privateKey = key ?? current.privateKey
        answers.certificate = certificate
        answers.intermediates = chain
        return answers
    }
}

extension RenewalPlanner {
    /// A renewal's checks of the new certificate against the one in use: `names-dropped`
    /// (an error with `refusingDroppedNames`), `tlsa-rollover` and `expires-sooner`.
    public static func checks(old: Certificate?, new: Certificate?, file: String, refusingDroppedNames: Bool) -> [Finding] {
        droppedNames(old: old, new: new, file: file, refused: refusingDroppedNames)
            + keyRollover(old: old, new: new, file: file)
            + expiresSooner(old: old, new: new, file: file)
    }

    /// `expires-sooner` (a warning) when `new` ends before `old`: installing it would
    /// shorten the time left, which is seldom what a renewal is for (an older file picked
    /// by mistake, or a certificate from the wrong order).
    public static func expiresSooner(old: Certificate?, new: Certificate?, file: String) -> [Finding] {
        guard let old, let new, new.notAfter < old.notAfter else { return [] }
        return [Finding(.expiresSooner, .warning, file: file,
                        message: Catalog.text("finding.expiresSooner.message", ["file": SafeText.escape(file),
                                                                                "new": UTCTimestamp.format(new.notAfter),
                                                                                "old": UTCTimestamp.format(old.notAfter)]),
                        hint: Catalog.text("finding.expiresSooner.hint"))]
    }
}
