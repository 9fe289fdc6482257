import PftlsCore

/// The CSR screen's optional organisation fields (what an OV or EV order form asks for),
/// held to `RequestSubject`'s rules: the same as `pftls csr --subject`.
public struct RequestSubjectFields: Equatable, Sendable {
    /// The text typed into each field.
    public var fields: [RequestSubject.Attribute: TextField] = [:]

    /// The field of `attribute` (empty until typed in).
    public subscript(attribute: RequestSubject.Attribute) -> TextField {
        get { fields[attribute] ?? TextField() }
        set { fields[attribute] = newValue }
    }

    /// The field's name on the screen and in its messages ("Organization (O)").
    static func name(_ attribute: RequestSubject.Attribute) -> String {
        switch attribute {
        case .organization: Catalog.text("request.field.organization")
        case .unit: Catalog.text("request.field.unit")
        case .locality: Catalog.text("request.field.locality")
        case .state: Catalog.text("request.field.state")
        case .country: Catalog.text("request.field.country")
        }
    }

    /// The subject the fields make, or why they make none (the message names the field).
    var subject: Result<RequestSubject, SubjectProblem> {
        Result { () throws(SubjectProblem) in try RequestSubject(fields: RequestSubject.Attribute.allCases.map { ($0, self[$0].value) }) }
    }

    /// Why the fields cannot go into a CSR, or nil.
    var problem: String? {
        guard case .failure(let problem) = subject else { return nil }
        return problem.text(field: problem.attribute.map(Self.name) ?? "")
    }
}
