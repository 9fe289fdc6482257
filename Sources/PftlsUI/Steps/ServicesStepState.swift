import PftlsCore

/// Step 5: which services to run TLS on, each with an optional listen address.
public struct ServicesStepState {
    /// One row: a checkbox and its listen address.
    public struct Row {
        public let name: Answers.ServiceName
        public var enabled: Bool
        public var listen: TextField
    }

    public var rows: [Row] = Answers.ServiceName.allCases.map { Row(name: $0, enabled: true, listen: TextField()) }
    /// Focus: 0..<rows*2 alternate checkbox/listen; rows*2 is Next.
    public var focus: Int
    /// Findings from the plan preview (SASL, pasted guide text, ...).
    public var preview: ChangePlan?

    init() { focus = Answers.ServiceName.allCases.count * 2 }

    var focusCount: Int { rows.count * 2 + 1 }
    var nextFocused: Bool { focus == rows.count * 2 }
    var focusedRow: Int? { focus < rows.count * 2 ? focus / 2 : nil }
    var listenFocused: Bool { focus < rows.count * 2 && focus % 2 == 1 }

    /// The chosen services, or a message naming the bad listen address.
    func services() -> Result<[Answers.Service], StepProblem> {
        var chosen: [Answers.Service] = []
        for row in rows where row.enabled {
            let listen = row.listen.value.trimmingBlanks()
            if !listen.isEmpty, let problem = ListenAddress.problem(with: listen) {
                return .failure(StepProblem(Catalog.text("ServicesStepState.text", ["rawValue": "\(row.name.rawValue)", "problem": "\(problem)"])))
            }
            if !listen.isEmpty, let other = chosen.first(where: { $0.listen.map { ServiceKey($0, "inet") == ServiceKey(listen, "inet") } == true }) {
                return .failure(StepProblem(Catalog.text("ServicesStepState.text2", ["rawValue": "\(row.name.rawValue)", "rawValue2": "\(other.name.rawValue)"])))
            }
            chosen.append(Answers.Service(name: row.name, listen: listen.isEmpty ? nil : listen))
        }
        return chosen.isEmpty ? .failure(StepProblem(Catalog.text("ServicesStepState.text3"))) : .success(chosen)
    }

    var state: StepState {
        if case .failure = services() { return .errors }
        guard let preview else { return .pending }
        let own = preview.findings.filter { [.saslNotConfigured, .saslSocketMissing, .masterCfPasteDamage, .encryptOnPort25].contains($0.code) }
        if own.hasErrors { return .errors }
        return own.isEmpty ? .done : .warnings
    }
}

/// Why a step cannot go on, in one sentence.
public struct StepProblem: Error, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}

import FoundationEssentials
import Glibc
