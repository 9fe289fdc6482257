import Glibc

/// The process environment, one variable at a time (getenv), without copying all of it.
public enum ProcessEnvironment {
    /// The value of `name`, nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
