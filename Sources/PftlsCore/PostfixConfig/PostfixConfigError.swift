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
            Catalog.text("config.error.invalidName", ["name": "\(SafeText.escape(name))"])
        case .invalidValue(let name, let value, let reason):
            Catalog.text("config.error.cannotWrite", ["name": "\(SafeText.escape(name))", "given": "\(SafeText.escape(value))", "reason": "\(reason)"])
        case .serviceNotFound(let key):
            Catalog.text("config.error.noActiveService", ["key": "\(key)"])
        case .serviceExists(let key):
            Catalog.text("config.error.serviceExists", ["key": "\(key)"])
        case .templateNotFound(let key):
            Catalog.text("config.error.noService", ["key": "\(key)"])
        case .invalidField(let name, let value):
            Catalog.text("config.error.invalidField", ["name": "\(name)", "given": "\(SafeText.escape(value))"])
        }
    }
}
