/// What `lstat` says about a path, reduced to what pftls decides on.
public struct FileStatus: Equatable, Sendable {
    /// The kind of directory entry.
    public enum Kind: Equatable, Sendable { case regular, directory, symbolicLink, other }

    public let kind: Kind
    /// Size in bytes.
    public let size: Int
    /// Permission bits (the low 12 bits of st_mode).
    public let permissions: UInt32
    public let ownerID: UInt32
    public let groupID: UInt32

    /// Creates a status value.
    public init(kind: Kind, size: Int, permissions: UInt32, ownerID: UInt32, groupID: UInt32) {
        self.kind = kind
        self.size = size
        self.permissions = permissions
        self.ownerID = ownerID
        self.groupID = groupID
    }

    /// True when group or others may write.
    public var isWritableByGroupOrOthers: Bool { permissions & 0o022 != 0 }
    /// True when others may write.
    public var isWritableByOthers: Bool { permissions & 0o002 != 0 }
    /// True when group or others may read.
    public var isReadableByGroupOrOthers: Bool { permissions & 0o044 != 0 }
    /// True when the sticky bit is set.
    public var isSticky: Bool { permissions & 0o1000 != 0 }
}
