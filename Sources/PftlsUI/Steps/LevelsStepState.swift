import PftlsCore

/// Step 4: the two security levels and the layout, as radio lists.
public struct LevelsStepState {
    /// The radio groups, in focus order, plus the dedicated-server question.
    public enum Focus: Int, CaseIterable { case smtpd, smtp, lowering, layout, dedicated, next }

    public var focus: Focus = .next
    public var smtpd = Answers.smtpdLevels.firstIndex(of: "may")!
    public var smtp = Answers.smtpLevels.firstIndex(of: "may")!
    public var layout: Answers.Layout = .chainFile
    public var dedicatedNonMX = false
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
        if let level = inForceSmtp, let index = Answers.smtpLevels.firstIndex(of: level) {
            smtp = index
            smtpInForce = level
        }
    }

    /// True when encrypt on port 25 needs the RFC 3207 question answered.
    var asksDedicated: Bool { smtpdLevel == "encrypt" }

    mutating func move(_ delta: Int) {
        switch focus {
        case .smtpd: smtpd = (smtpd + delta + Answers.smtpdLevels.count) % Answers.smtpdLevels.count
        case .smtp: smtp = (smtp + delta + Answers.smtpLevels.count) % Answers.smtpLevels.count
        case .layout: layout = layout == .chainFile ? .separateFiles : .chainFile
        case .dedicated: dedicatedNonMX.toggle()
        case .lowering: confirmLowering.toggle()
        case .next: break
        }
    }

    mutating func cycleFocus(_ delta: Int) {
        var next = focus.rawValue
        repeat {
            next = (next + delta + Focus.allCases.count) % Focus.allCases.count
        } while Focus(rawValue: next) == .dedicated && !asksDedicated || Focus(rawValue: next) == .lowering && !lowersClientLevel
        focus = Focus(rawValue: next)!
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

    var state: StepState { (asksDedicated && !dedicatedNonMX) || lowersClientLevel ? .warnings : .done }
}
