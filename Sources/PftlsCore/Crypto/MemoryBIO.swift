import COpenSSL
import CCryptoShim

/// Small helpers around OpenSSL memory BIOs.
enum MemoryBIO {
    /// Calls `body` with a read-only BIO over `bytes`.
    static func reading<R>(_ bytes: [UInt8], _ body: (OpaquePointer) -> R) -> R {
        bytes.withUnsafeBytes { raw in
            let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count))!
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    /// Runs `write` against a fresh memory BIO and returns what it wrote, or nil when it failed.
    static func capture(_ write: (OpaquePointer) -> Bool) -> [UInt8]? {
        let bio = BIO_new(BIO_s_mem())!
        defer { BIO_free(bio) }
        guard write(bio) else { return nil }
        var data: UnsafeMutablePointer<CChar>?
        let length = pftls_bio_get_mem_data(bio, &data)
        guard length > 0, let data else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Like `capture`, but through a secure-heap BIO that is wiped on release, into SecretBytes.
    static func captureSecret(_ write: (OpaquePointer) -> Bool) -> SecretBytes? {
        let bio = BIO_new(BIO_s_secmem())!
        defer { BIO_free(bio) }
        guard write(bio) else { return nil }
        var data: UnsafeMutablePointer<CChar>?
        let length = pftls_bio_get_mem_data(bio, &data)
        return SecretBytes(copying: UnsafeRawBufferPointer(start: data, count: max(0, length)))
    }

    /// Text written by `write`, for names and printouts.
    static func text(_ write: (OpaquePointer) -> Bool) -> String {
        capture(write).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
