/// Why an edit of main.cf or master.cf was refused.
public enum PostfixConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parameter name holds characters Postfix does not allow in one.
    case invalidParameterName(String)
    /// The value cannot be written so that Postfix reads it back unchanged.
    case invalidValue(name: String, value: String, reason: String)
    /// No active master.cf entry has this service name and type.
    case serviceNotFound(ServiceKey)
    /// An active master.cf entry with this service name and type already exists.
    case serviceExists(ServiceKey)
    /// Neither an active nor a commented-out master.cf entry has this service name and type.
    case templateNotFound(ServiceKey)
    /// A master.cf field is empty or holds whitespace.
    case invalidField(name: String, value: String)

    /// A one-line explanation, safe to print.
    public var description: String {
        switch self {
        case .invalidParameterName(let name):
            "invalid parameter name \"\(SafeText.escape(name))\""
        case .invalidValue(let name, let value, let reason):
            "cannot write \(SafeText.escape(name)) = \"\(SafeText.escape(value))\": \(reason)"
        case .serviceNotFound(let key):
            "master.cf has no active service \(key)"
        case .serviceExists(let key):
            "master.cf already has an active service \(key)"
        case .templateNotFound(let key):
            "master.cf has no service \(key), active or commented out"
        case .invalidField(let name, let value):
            "invalid master.cf \(name) field \"\(SafeText.escape(value))\""
        }
    }
}
