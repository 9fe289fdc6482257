import Testing
import PftlsCore
@testable import PftlsUI

extension StepID {
    /// The step a test adds.
    static let acknowledgement = StepID("acknowledgement")
}

/// A step as a new one would be written: one type, nothing else. It reads what the
/// Levels step decided from the context it is given, and blocks Next until its box is ticked.
struct AcknowledgementStep: WizardStep {
    var id: StepID { .acknowledgement }
    var title: String { "4b Note" }
    var ticked = false

    func isOnPath(_ shared: StepContext) -> Bool { shared.path == .setUp }

    func keyMap(_ shared: StepContext) -> KeyMap {
        KeyMap([KeyBinding([.character(" ")], .toggle, label: "Space", help: "Tick")] + KeyMap.common)
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        switch action {
        case .toggle: ticked.toggle(); return .nothing
        case .activate: return .next
        default: return .nothing
        }
    }

    func blockingProblem(_ shared: StepContext) -> String? { ticked ? nil : "tick the box first." }

    func barState(_ shared: StepContext) -> StepState { ticked ? .done : .errors }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        screen.put("\(ticked ? "[x]" : "[ ]") I know smtpd_tls_security_level will be \(shared.draft.smtpdLevel)", x: area.x + 2, y: area.top)
    }
}

/// Adding a step touches its own type and the step list: the wizard walks it, draws it,
/// names it in the step bar and refuses Next on it as on any other.
@Suite struct AddedStepTests {
    @Test func aStepInsertedInTheStepListIsWalkedLikeTheOthers() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        // The step list, with the new step after Levels.
        let levels = try #require(wizard.model.steps.firstIndex { $0.id == .levels })
        wizard.model.steps.insert(AcknowledgementStep(), at: levels + 1)

        wizard.press(.enter, .enter, .enter)
        wizard.type("demo")
        wizard.press(.enter)
        #expect(wizard.model.step == .levels)
        wizard.press(.enter)
        #expect(wizard.model.step == .acknowledgement)
        #expect(wizard.screen.contains("[ ] I know smtpd_tls_security_level will be may"), "\(wizard.screen)")
        #expect(wizard.screen.contains("▶4b Note"), "\(wizard.screen)")
        #expect(wizard.model.keyMap.footer(width: 200).hasPrefix("Space Tick"))

        wizard.press(.function(10))
        #expect(wizard.model.step == .acknowledgement)
        #expect(wizard.model.message?.text.contains("tick the box first.") == true, "\(wizard.model.message?.text ?? "")")
        wizard.press(.character(" "), .enter)
        #expect(wizard.model.step == .services)
        #expect(wizard.screen.contains("✔4b Note"), "\(wizard.screen)")
        wizard.press(.escape)
        #expect(wizard.model.step == .acknowledgement, "Esc goes back to it")
    }
}
