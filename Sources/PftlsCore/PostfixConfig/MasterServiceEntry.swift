/// An active master.cf service and where it starts.
public struct MasterServiceEntry: Equatable, Sendable {
    /// The service.
    public let service: MasterService
    /// The 1-based number of the physical line that starts it.
    public let lineNumber: Int
}
