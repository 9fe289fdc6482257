import COpenSSL

/// The subject of a CSR besides its common name: the organisation fields an OV or EV
/// order form asks for. `pftls csr --subject` and the wizard's CSR screen both make one
/// here, so both hold a value to the same rules (`problem(_:_:)`).
public struct RequestSubject: Equatable, Sendable {
    /// An attribute a CSR's subject may carry besides the common name, in the order
    /// X.509 subjects list them (country first).
    public enum Attribute: String, CaseIterable, Comparable, Sendable {
        case country = "C"
        case state = "ST"
        case locality = "L"
        case organization = "O"
        case unit = "OU"

        /// The most characters X.509 allows (the upper bounds of RFC 5280, appendix A).
        public var limit: Int {
            switch self {
            case .country: 2
            case .state, .locality: 128
            case .organization, .unit: 64
            }
        }

        /// True when a subject may hold it more than once (several units are usual X.500;
        /// a second country, state, locality or organisation is a mistake).
        var repeats: Bool { self == .unit }

        public static func < (lhs: Attribute, rhs: Attribute) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One attribute and its value.
    public struct Entry: Equatable, Sendable {
        public let attribute: Attribute
        public let value: String
    }

    /// The entries, in X.509's order (C, ST, L, O, OU); the common name follows them.
    public private(set) var entries: [Entry]

    /// No fields: the subject holds only the common name.
    public static let empty = RequestSubject(checked: [])

    private init(checked entries: [Entry]) {
        self.entries = entries.enumerated().sorted { ($0.element.attribute, $0.offset) < ($1.element.attribute, $1.offset) }.map(\.element)
    }

    /// The subject of a form's fields: blanks around a value are dropped and an empty
    /// field is left out (every field is optional). Throws the first field that breaks
    /// a rule.
    public init(fields: [(Attribute, String)]) throws(SubjectProblem) {
        var entries: [Entry] = []
        for (attribute, raw) in fields {
            let value = raw.trimmingBlanks()
            if value.isEmpty { continue }
            try Self.add(Entry(attribute: attribute, value: value), to: &entries)
        }
        self.init(checked: entries)
    }

    /// A subject from `--subject`'s text: RFC 4514 `TYPE=VALUE` pairs separated by commas
    /// (see `RequestSubjectParser`), in any order.
    public static func parse(_ text: String) throws(SubjectProblem) -> RequestSubject {
        var entries: [Entry] = []
        for entry in try RequestSubjectParser.entries(text) { try add(entry, to: &entries) }
        return RequestSubject(checked: entries)
    }

    private static func add(_ entry: Entry, to entries: inout [Entry]) throws(SubjectProblem) {
        if let reason = problem(entry.attribute, entry.value) { throw SubjectProblem(reason) }
        if !entry.attribute.repeats, entries.contains(where: { $0.attribute == entry.attribute }) {
            throw SubjectProblem(.duplicate(entry.attribute))
        }
        entries.append(entry)
    }

    /// What is wrong with `value` for `attribute`, or nil: the rules of `--subject` and of
    /// the wizard's fields. C is two capital letters (ISO 3166-1 alpha-2); the others are
    /// any UTF-8 text without control characters, up to X.509's length.
    public static func problem(_ attribute: Attribute, _ value: String) -> SubjectProblem.Reason? {
        if value.isEmpty { return .empty(attribute) }
        if value.unicodeScalars.contains(where: SafeText.needsEscape) { return .control(attribute) }
        if attribute == .country {
            let letters = value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isUppercase || $0.properties.isLowercase) }
            guard value.unicodeScalars.count == 2, letters else { return .country(value) }
            if value != value.uppercased() { return .countryCase(value) }
            return nil
        }
        let length = value.unicodeScalars.count
        return length > attribute.limit ? .tooLong(attribute, count: length) : nil
    }

    /// Adds the entries to `name` through OpenSSL, as UTF-8 (OpenSSL writes C as a
    /// PrintableString, as X.520 wants, and the others as UTF8String).
    func add(to name: OpaquePointer) -> Attribute? {
        for entry in entries where X509_NAME_add_entry_by_txt(name, entry.attribute.rawValue, MBSTRING_UTF8, entry.value, -1, -1, 0) != 1 {
            return entry.attribute
        }
        return nil
    }
}

/// Why a subject was refused: the problem and its fix.
public struct SubjectProblem: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Equatable, Sendable {
        /// Text that is not `TYPE=VALUE`.
        case syntax(String)
        /// Two attributes joined with an unescaped `+` (a multi-valued RDN).
        case multiValued(String)
        /// A character RFC 4514 wants escaped, given bare.
        case unescaped(Character, String)
        /// A backslash before a character that needs no escaping, not two hex digits.
        case badEscape(String)
        /// A value written as `#` and hex (BER).
        case hexValue(String)
        /// Escaped bytes that are not UTF-8.
        case notUTF8(String)
        /// An attribute type pftls does not put into a CSR.
        case unknownType(String)
        /// CN, which comes from the names.
        case commonName
        case empty(RequestSubject.Attribute)
        case duplicate(RequestSubject.Attribute)
        case country(String)
        case countryCase(String)
        case tooLong(RequestSubject.Attribute, count: Int)
        case control(RequestSubject.Attribute)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    /// The problem and its fix; `field` names the attribute (its type on the command
    /// line, its label on a form).
    public func text(field: String) -> String {
        switch reason {
        case .syntax(let piece): Catalog.text("subject.syntax", ["piece": SafeText.escape(piece)])
        case .multiValued(let piece): Catalog.text("subject.multi-valued", ["piece": SafeText.escape(piece)])
        case .unescaped(let character, let piece):
            Catalog.text("subject.unescaped", ["piece": SafeText.escape(piece), "character": String(character)])
        case .badEscape(let piece): Catalog.text("subject.bad-escape", ["piece": SafeText.escape(piece)])
        case .hexValue(let piece): Catalog.text("subject.hex-value", ["piece": SafeText.escape(piece)])
        case .notUTF8(let piece): Catalog.text("subject.not-utf8", ["piece": SafeText.escape(piece)])
        case .unknownType(let type): Catalog.text("subject.unknown-type", ["type": SafeText.escape(type)])
        case .commonName: Catalog.text("subject.common-name")
        case .empty: Catalog.text("subject.empty", ["field": field])
        case .duplicate: Catalog.text("subject.duplicate", ["field": field])
        case .country(let value): Catalog.text("subject.country", ["field": field, "given": SafeText.escape(value)])
        case .countryCase(let value): Catalog.text("subject.country-case", ["field": field, "given": value, "upper": value.uppercased()])
        case .tooLong(let attribute, let count):
            Catalog.text("subject.too-long", ["field": field, "count": "\(count)", "limit": "\(attribute.limit)"])
        case .control: Catalog.text("subject.control", ["field": field])
        }
    }

    /// The attribute concerned, when the problem is one field's.
    public var attribute: RequestSubject.Attribute? {
        switch reason {
        case .empty(let attribute), .duplicate(let attribute), .tooLong(let attribute, _), .control(let attribute): attribute
        case .country, .countryCase: .country
        default: nil
        }
    }

    /// For the command line: names `--subject`, the problem and the fix.
    public var description: String {
        Catalog.text("subject.option", ["problem": text(field: attribute?.rawValue ?? "")])
    }
}

extension RequestSubject {
    /// The fields as RFC 4514 writes them, in X.509's order (`C=JP, O=Example K.K.`), with
    /// the characters it wants escaped escaped: what `--subject` reads back.
    public var text: String {
        entries.map { "\($0.attribute.rawValue)=\(Self.escaped($0.value))" }.joined(separator: ", ")
    }

    private static func escaped(_ value: String) -> String {
        var result = ""
        for (offset, character) in value.enumerated() {
            let edge = (offset == 0 && (character == " " || character == "#")) || (offset == value.count - 1 && character == " ")
            if edge || "\"+,;<>\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
