import Glibc

/// Standard output, error and input as the C library has them (FoundationEssentials has
/// no `FileHandle`).
enum StandardStreams {
    /// Writes `text` whole to standard output.
    static func writeOutput(_ text: String) { write(text, to: STDOUT_FILENO) }

    /// Writes `text` whole to standard error.
    static func writeError(_ text: String) { write(text, to: STDERR_FILENO) }

    /// Reads standard input to its end, or up to `limit` bytes.
    /// Standard input to its end; nil when it holds more than `limit` bytes.
    static func readInput(limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        // One byte past the limit tells a long input from one of exactly `limit` bytes.
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, min($0.count, limit + 1 - bytes.count)) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes.count > limit ? nil : bytes
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
