import PftlsCore

/// Step 4: the two security levels and the layout, as radio lists.
public struct LevelsStepState {
    /// The radio groups, in focus order, plus the dedicated-server question.
    public enum Focus: Int, CaseIterable { case smtpd, smtp, layout, dedicated, next }

    public var focus: Focus = .next
    public var smtpd = Answers.smtpdLevels.firstIndex(of: "may")!
    public var smtp = Answers.smtpLevels.firstIndex(of: "may")!
    public var layout: Answers.Layout = .chainFile
    public var dedicatedNonMX = false

    var smtpdLevel: String { Answers.smtpdLevels[smtpd] }
    var smtpLevel: String { Answers.smtpLevels[smtp] }

    /// True when encrypt on port 25 needs the RFC 3207 question answered.
    var asksDedicated: Bool { smtpdLevel == "encrypt" }

    mutating func move(_ delta: Int) {
        switch focus {
        case .smtpd: smtpd = (smtpd + delta + Answers.smtpdLevels.count) % Answers.smtpdLevels.count
        case .smtp: smtp = (smtp + delta + Answers.smtpLevels.count) % Answers.smtpLevels.count
        case .layout: layout = layout == .chainFile ? .separateFiles : .chainFile
        case .dedicated: dedicatedNonMX.toggle()
        case .next: break
        }
    }

    mutating func cycleFocus(_ delta: Int) {
        var next = focus.rawValue
        repeat {
            next = (next + delta + Focus.allCases.count) % Focus.allCases.count
        } while Focus(rawValue: next) == .dedicated && !asksDedicated
        focus = Focus(rawValue: next)!
    }

    /// The help entry for what has focus.
    var helpName: String {
        switch focus {
        case .smtpd: "smtpd_tls_security_level"
        case .smtp: "smtp_tls_security_level"
        case .layout: layout == .chainFile ? "layout.chain-file" : "layout.separate-files"
        case .dedicated, .next: "smtpd_tls_security_level"
        }
    }

    var state: StepState { asksDedicated && !dedicatedNonMX ? .warnings : .done }
}
