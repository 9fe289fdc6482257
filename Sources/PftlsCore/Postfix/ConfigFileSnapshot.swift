/// One configuration file as the set-up read it: its path, its status just before the
/// read, and the bytes read. A change applies only while the file is still this one
/// (`PlannedFile.basis`), and nothing opens the file again to learn what it holds.
public struct ConfigFileSnapshot: Sendable {
    /// Where the file is.
    public let path: String
    /// `lstat` just before the read.
    public let status: FileStatus?
    /// The bytes read.
    public let bytes: [UInt8]

    /// A file with these bytes, seen with `status` (nil: not looked at).
    public init(path: String, status: FileStatus?, bytes: [UInt8]) {
        self.path = path
        self.status = status
        self.bytes = bytes
    }

    /// Reads `path`: its status first, then its bytes.
    static func read(_ path: String, fileSystem: FileSystem) throws(ConfigReadError) -> ConfigFileSnapshot {
        let status: FileStatus?
        do { status = try fileSystem.status(of: path) } catch {
            throw ConfigReadError(path: path, failure: error, call: "lstat")
        }
        do {
            return ConfigFileSnapshot(path: path, status: status, bytes: try fileSystem.readFile(path, limit: TLSSetupInForce.sizeLimit))
        } catch {
            throw ConfigReadError(path: path, failure: error, call: "open")
        }
    }
}
