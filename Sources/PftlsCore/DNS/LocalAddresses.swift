#if canImport(Glibc)
import Glibc
#endif

/// The IP addresses of this machine's interfaces (getifaddrs), as inet_ntop writes them.
public enum LocalAddresses {
    /// Every IPv4 and IPv6 address of an interface that is up.
    public static func current() -> Set<String> {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var addresses: Set<String> = []
        var cursor = first
        while let entry = cursor {
            if let address = entry.pointee.ifa_addr, let text = text(of: address) { addresses.insert(text) }
            cursor = entry.pointee.ifa_next
        }
        return addresses
    }

    /// True when 127.0.0.1 is up, so a loopback connection over IPv4 can be made. A host
    /// (or container) with IPv6 alone may have only ::1.
    public static func ipv4LoopbackIsUp() -> Bool { current().contains("127.0.0.1") }

    /// The printed form of an IPv4 or IPv6 socket address; nil for other families.
    static func text(of address: UnsafeMutablePointer<sockaddr>) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                var raw = inet.pointee.sin_addr
                return inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet in
                var raw = inet.pointee.sin6_addr
                return inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
            }
        default:
            return nil
        }
    }

    /// The printed form of an A (4 bytes) or AAAA (16 bytes) record's data.
    public static func text(ofRecordData data: [UInt8]) -> String? {
        guard data.count == 4 || data.count == 16 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = data.count == 4 ? AF_INET : AF_INET6
        return data.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
        }
    }
}
