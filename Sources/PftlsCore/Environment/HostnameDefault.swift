import FoundationEssentials
import Glibc

/// Works out the host name a certificate should cover when none is given.
public struct HostnameDefault {
    let processes: ProcessRunner

    /// Uses `processes` to ask Postfix.
    public init(processes: ProcessRunner = SystemProcessRunner()) { self.processes = processes }

    /// `postconf -h myhostname` when Postfix is installed, otherwise the machine's FQDN.
    public func resolve(configDirectory: String? = nil) -> String? {
        let arguments = (configDirectory.map { ["-c", $0] } ?? []) + ["-h", "myhostname"]
        if let result = try? processes.run("postconf", arguments), result.status == 0, !result.output.isEmpty {
            return result.output
        }
        return Self.fullyQualifiedHostName()
    }

    /// The canonical name of this machine, from gethostname and the resolver.
    static func fullyQualifiedHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return nil }
        let short = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var hints = addrinfo()
        hints.ai_flags = AI_CANONNAME
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(short, nil, &hints, &info) == 0, let info else { return short.isEmpty ? nil : short }
        defer { freeaddrinfo(info) }
        return info.pointee.ai_canonname.map { String(cString: $0) } ?? short
    }
}
