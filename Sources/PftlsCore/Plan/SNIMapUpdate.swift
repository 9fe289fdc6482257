/// How an indexed SNI map's database follows a change: rebuilt whole from its source
/// (`postmap -F`), or, when it was up to date and only the answered entries change, just
/// those entries (`postmap -F -i`, which does not read the other entries' files again).
public struct SNIMapUpdate: Equatable, Sendable {
    /// The map.
    public let reference: SNIMapReference
    /// The `name value` lines to store; nil: rebuild the whole database.
    public let entries: [String]?

    /// The map's source file.
    public var name: String { reference.name }
}
