import COpenSSL

/// A passphrase or key held in memory that is wiped when released.
///
/// It has no `description` that shows its content, is never Codable, and keeps a
/// NUL after the bytes so OpenSSL can take it as a C string.
public final class SecretBytes: CustomStringConvertible, CustomDebugStringConvertible {
    /// count + 1 bytes; the last is always NUL.
    private let buffer: UnsafeMutableRawBufferPointer

    /// Allocates `count` zeroed bytes and lets `fill` write them in place.
    public init(count: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        buffer = .allocate(byteCount: count + 1, alignment: 1)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        do {
            try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
        } catch {
            OPENSSL_cleanse(buffer.baseAddress, buffer.count)
            buffer.deallocate()
            throw error
        }
    }

    /// Copies `bytes`; the caller wipes its own copy.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count) { target in
            if bytes.count > 0 { target.copyMemory(from: bytes) }
        }
    }

    /// Takes the content of `bytes` and wipes the array.
    public convenience init(wiping bytes: inout [UInt8]) {
        let count = bytes.count
        self.init(count: count) { target in
            bytes.withUnsafeMutableBytes { source in
                if count > 0 {
                    target.copyMemory(from: UnsafeRawBufferPointer(source))
                    OPENSSL_cleanse(source.baseAddress, count)
                }
            }
        }
    }

    /// `self` followed by `tail` (a key followed by its certificates), as a new secret.
    public func appending(_ tail: [UInt8]) -> SecretBytes {
        withUnsafeBytes { head in
            SecretBytes(count: head.count + tail.count) { target in
                target.copyMemory(from: head)
                tail.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: target[head.count...]).copyMemory(from: $0) }
            }
        }
    }

    /// `self` followed by another secret (two key and chain pairs in one file), as a new secret.
    public func appending(_ tail: SecretBytes) -> SecretBytes {
        withUnsafeBytes { head in
            tail.withUnsafeBytes { rest in
                SecretBytes(count: head.count + rest.count) { target in
                    target.copyMemory(from: head)
                    UnsafeMutableRawBufferPointer(rebasing: target[head.count...]).copyMemory(from: rest)
                }
            }
        }
    }

    /// True when the secret is exactly `bytes`.
    public func holds(_ bytes: [UInt8]) -> Bool {
        withUnsafeBytes { $0.elementsEqual(bytes) }
    }

    deinit {
        OPENSSL_cleanse(buffer.baseAddress, buffer.count)
        buffer.deallocate()
    }

    /// Number of secret bytes.
    public var count: Int { buffer.count - 1 }

    /// Calls `body` with the secret bytes (without the trailing NUL).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// The bytes as a NUL-terminated C string, for OpenSSL calls.
    public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try body(buffer.baseAddress!.assumingMemoryBound(to: CChar.self))
    }

    public var description: String { "SecretBytes(redacted)" }
    public var debugDescription: String { description }
}
