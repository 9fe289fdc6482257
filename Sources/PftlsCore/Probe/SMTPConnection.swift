import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection with a deadline, speaking just enough SMTP to reach STARTTLS.
final class SMTPConnection {
    /// Why the conversation stopped.
    struct Failure: Error {
        let reason: String
        /// True when the server answered, but not as it should have.
        var answered = false
        /// True when no connection was made at all (the name did not resolve, or connect failed).
        var unreachable = false
    }

    let descriptor: Int32
    /// When the whole conversation must be over: a server that trickles bytes slower
    /// than any per-read timeout cannot hold pftls past it.
    let deadline: Date

    /// Connects to `host`:`port` within `timeout` seconds; the whole conversation gets three times that.
    /// A `host` that is an absolute path names a UNIX-domain socket (`port` is then unused).
    init(host: String, port: Int, timeout: Int) throws {
        _ = Self.brokenPipesIgnored
        deadline = Date().addingTimeInterval(TimeInterval(timeout * 3))
        if host.hasPrefix("/") {
            descriptor = try Self.connectLocal(path: host, timeout: timeout)
            return
        }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw Failure(reason: Catalog.text("probe.smtp.cannotResolve", ["host": "\(SafeText.escape(host))"]), unreachable: true)
        }
        defer { freeaddrinfo(list) }
        var lastError = ECONNREFUSED
        var address: UnsafeMutablePointer<addrinfo>? = first
        while let current = address {
            let candidate = socket(current.pointee.ai_family, current.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), current.pointee.ai_protocol)
            if candidate >= 0 {
                var deadline = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
                if connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                    descriptor = candidate
                    return
                }
                lastError = errno
                close(candidate)
            }
            address = current.pointee.ai_next
        }
        throw Failure(reason: Catalog.text("probe.smtp.cannotConnect", ["host": "\(SafeText.escape(host))", "port": "\(port)", "reason": "\(String(cString: strerror(lastError)))"]),
                      unreachable: true)
    }

    deinit { close(descriptor) }

    /// Connects to the UNIX-domain socket at `path`.
    private static func connectLocal(path: String, timeout: Int) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw Failure(reason: Catalog.text("probe.socket-path-too-long", ["path": SafeText.escape(path), "limit": "\(capacity - 1)"]))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { target in target.copyBytes(from: bytes) }
        let candidate = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard candidate >= 0 else {
            throw Failure(reason: Catalog.text("probe.socket-failed", ["path": SafeText.escape(path), "reason": String(cString: strerror(errno))]))
        }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(candidate, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(candidate)
            throw Failure(reason: Catalog.text("probe.socket-failed", ["path": SafeText.escape(path), "reason": reason]))
        }
        return candidate
    }

    /// A server that closes while pftls writes (smtpd dying after the handshake) must give
    /// EPIPE, not SIGPIPE: the signal's default action would kill pftls mid-apply. Writes
    /// through OpenSSL use plain write(2) too, so the signal is ignored process-wide, once.
    static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Reads one complete SMTP reply (all its lines) and returns them.
    func readReply() throws -> [String] {
        try Self.readReply(until: deadline) { byte in read(descriptor, &byte, 1) }
    }

    /// Reads one complete SMTP reply through `readByte`, which stores one byte and returns
    /// the count read (0 or less at the end of the stream): over TCP or over TLS.
    static func readReply(until deadline: Date, _ readByte: (inout UInt8) -> Int) throws -> [String] {
        var lines: [String] = []
        while true {
            let line = try readLine(until: deadline, readByte, midReply: !lines.isEmpty)
            lines.append(line)
            // "250-..." continues, "250 ..." (or a bare code) ends the reply.
            let bytes = Array(line.utf8)
            if bytes.count < 4 || bytes[3] == 0x20 { return lines }
            if lines.count > 200 { throw Failure(reason: Catalog.text("probe.smtp.replyTooLong")) }
        }
    }

    /// Reads one line through `readByte`, without its CR LF; at most 4096 bytes of it are kept.
    /// `midReply` says that earlier lines of the same reply were read (the stream was cut in it).
    static func readLine(until deadline: Date, _ readByte: (inout UInt8) -> Int, midReply: Bool = false) throws -> String {
        var current: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            if Date() > deadline { throw Failure(reason: Catalog.text("probe.smtp.tooSlow")) }
            if readByte(&byte) <= 0 {
                throw Failure(reason: !midReply && current.isEmpty ? Catalog.text("probe.smtp.closedWithoutReply") : Catalog.text("probe.smtp.replyCut"))
            }
            if byte == 0x0A { return String(decoding: current.last == 0x0D ? current.dropLast() : current[...], as: UTF8.self) }
            if current.count < 4096 { current.append(byte) }
        }
    }

    /// Sends one command line.
    func send(_ command: String) throws {
        let bytes = Array((command + "\r\n").utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw Failure(reason: Catalog.text("probe.smtp.cannotSend", ["command": "\(command)"])) }
    }

    /// Greeting, EHLO, STARTTLS: returns when the server said 220 to STARTTLS.
    func negotiateStartTLS() throws {
        let greeting = try readReply()
        guard greeting.first?.hasPrefix("220") == true else { throw Failure(reason: Catalog.text("probe.smtp.greeting", ["reply": "\(Self.show(greeting))"])) }
        try send("EHLO pftls.probe")
        let capabilities = try readReply()
        guard capabilities.first?.hasPrefix("250") == true else { throw Failure(reason: Catalog.text("probe.smtp.ehloAnswer", ["reply": "\(Self.show(capabilities))"]), answered: true) }
        guard capabilities.contains(where: { $0.dropFirst(4).uppercased().hasPrefix("STARTTLS") }) else {
            throw Failure(reason: Catalog.text("probe.smtp.noStartTLS"))
        }
        try send("STARTTLS")
        let answer = try readReply()
        guard answer.first?.hasPrefix("220") == true else { throw Failure(reason: Catalog.text("probe.smtp.startTLSAnswer", ["reply": "\(Self.show(answer))"]), answered: true) }
    }

    static func show(_ lines: [String]) -> String { SafeText.escape(lines.joined(separator: " / ")) }
}
