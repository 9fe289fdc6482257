import PftlsCore

/// Step 4: the two security levels and the layout, as radio lists.
public struct LevelsStepState {
    /// The radio groups, in focus order, plus the dedicated-server question.
    public enum Focus: Int, CaseIterable { case smtpd, smtp, lowering, layout, dedicated, next }

    /// The focused group; it opens on the first radio list.
    public var focus: Focus = .smtpd
    /// The highlighted option in the focused group (as dialog's cursor), apart from the chosen one.
    public var cursor = Self.may(in: Answers.smtpdLevels)
    public var smtpd = Self.may(in: Answers.smtpdLevels)
    public var smtp = Self.may(in: Answers.smtpLevels)
    public var layout: Answers.Layout = .chainFile
    public var dedicatedNonMX = false
    /// Where "may", the default of both levels, stands in `levels` (both lists hold it).
    static func may(in levels: [String]) -> Int { levels.firstIndex(of: "may") ?? 0 }

    /// The client level in force before pftls, when one was read.
    public var smtpInForce: String?
    /// The user confirmed lowering the client level in force.
    public var confirmLowering = false

    var smtpdLevel: String { Answers.smtpdLevels[smtpd] }
    var smtpLevel: String { Answers.smtpLevels[smtp] }

    /// True when the chosen client level is weaker than the one in force: asked before Next.
    var lowersClientLevel: Bool { ClientLevelOrder.lowers(from: smtpInForce, to: smtpLevel) }

    /// Starts from the levels in force (values the lists know).
    mutating func adopt(smtpd inForceSmtpd: String?, smtp inForceSmtp: String?) {
        if let level = inForceSmtpd, let index = Answers.smtpdLevels.firstIndex(of: level) { smtpd = index }
        defer { cursor = chosenIndex(focus) }
        if let level = inForceSmtp, let index = Answers.smtpLevels.firstIndex(of: level) {
            smtp = index
            smtpInForce = level
        }
    }

    /// True when encrypt on port 25 needs the RFC 3207 question answered.
    var asksDedicated: Bool { smtpdLevel == "encrypt" }

    /// How many options the group `focus` has (one for a check box or the button).
    func optionCount(_ focus: Focus) -> Int {
        switch focus {
        case .smtpd: Answers.smtpdLevels.count
        case .smtp: Answers.smtpLevels.count
        case .layout: Answers.Layout.allCases.count
        case .lowering, .dedicated, .next: 1
        }
    }

    /// The chosen option of `focus`, where the cursor starts.
    func chosenIndex(_ focus: Focus) -> Int {
        switch focus {
        case .smtpd: smtpd
        case .smtp: smtp
        case .layout: Answers.Layout.allCases.firstIndex(of: layout) ?? 0
        case .lowering, .dedicated, .next: 0
        }
    }

    /// The groups shown now, in focus order.
    var shownFocuses: [Focus] {
        Focus.allCases.filter { ($0 != .dedicated || asksDedicated) && ($0 != .lowering || lowersClientLevel) }
    }

    /// ↑↓: through the options of a group and on into the next or previous group.
    mutating func moveCursor(_ delta: Int) {
        if let target = RadioList.step(cursor, by: delta, count: optionCount(focus)) { cursor = target; return }
        let shown = shownFocuses
        let index = shown.firstIndex(of: focus) ?? 0
        focus = shown[(index + (delta > 0 ? 1 : shown.count - 1)) % shown.count]
        cursor = RadioList.entry(by: delta, count: optionCount(focus))
    }

    /// ←→: along the options of the focused group.
    mutating func moveWithinGroup(_ delta: Int) {
        cursor = RadioList.along(cursor, by: delta, count: optionCount(focus))
    }

    /// Space (or Enter on an option not chosen yet): choose the highlighted option or
    /// tick the box. Returns false when there was nothing to choose (Enter then means Next).
    @discardableResult
    mutating func choose() -> Bool {
        switch focus {
        case .smtpd: defer { smtpd = cursor }; return smtpd != cursor
        case .smtp: defer { smtp = cursor }; return smtp != cursor
        case .layout:
            let picked = Answers.Layout.allCases[cursor]
            defer { layout = picked }
            return layout != picked
        case .dedicated: dedicatedNonMX.toggle(); return true
        case .lowering: confirmLowering.toggle(); return true
        case .next: return false
        }
    }

    /// Tab: the next group, its cursor on the chosen option.
    mutating func cycleFocus(_ delta: Int) {
        let shown = shownFocuses
        let index = shown.firstIndex(of: focus) ?? 0
        focus = shown[(index + delta + shown.count) % shown.count]
        cursor = chosenIndex(focus)
    }

    /// Why Next is refused on this step, in the wizard's words; nil when it may go on.
    var blockingProblem: String? {
        if asksDedicated && !dedicatedNonMX {
            return Catalog.text("LevelsStepState.text")
        }
        guard lowersClientLevel && !confirmLowering, let current = smtpInForce else { return nil }
        return Catalog.text("LevelsStepState.text2", ["current": "\(current)", "smtpLevel": "\(smtpLevel)"])
    }

    /// The help entry for what has focus.
    var helpName: String {
        switch focus {
        case .smtpd: "smtpd_tls_security_level"
        case .smtp, .lowering: "smtp_tls_security_level"
        case .layout: layout == .chainFile ? "layout.chain-file" : "layout.separate-files"
        case .dedicated, .next: "smtpd_tls_security_level"
        }
    }

    var state: StepState { blockingProblem != nil ? .errors : (lowersClientLevel || asksDedicated ? .warnings : .done) }
}
