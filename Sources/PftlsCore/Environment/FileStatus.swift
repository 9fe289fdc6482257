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
    /// Which file this is and which version of it: nil where the file system cannot say.
    public let identity: Identity?

    /// Device, inode and change time: any write, rename over or chmod gives another value.
    public struct Identity: Equatable, Sendable {
        public let device: UInt64
        public let inode: UInt64
        /// st_ctime in nanoseconds.
        public let changed: Int64
        /// st_mtime in nanoseconds.
        public let modified: Int64

        /// Creates an identity.
        public init(device: UInt64, inode: UInt64, changed: Int64, modified: Int64) {
            self.device = device
            self.inode = inode
            self.changed = changed
            self.modified = modified
        }
    }

    /// Creates a status value.
    public init(kind: Kind, size: Int, permissions: UInt32, ownerID: UInt32, groupID: UInt32, identity: Identity? = nil) {
        self.kind = kind
        self.size = size
        self.permissions = permissions
        self.ownerID = ownerID
        self.groupID = groupID
        self.identity = identity
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
