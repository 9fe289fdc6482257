import Foundation

/// A TCP socket bound to a free port on 127.0.0.1, for stand-in servers in tests.
package struct LoopbackListener {
    package let descriptor: Int32
    package let port: Int

    /// Binds (and, when `listening`, listens); the caller closes `descriptor`.
    package init(listening: Bool = true) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = descriptor
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(fd, $0, length); _ = getsockname(fd, $0, &length) }
        }
        if listening { listen(descriptor, 1) }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port that was free a moment ago.
    package static func freePort() -> Int {
        let probe = LoopbackListener(listening: false)
        defer { close(probe.descriptor) }
        return probe.port
    }
}
