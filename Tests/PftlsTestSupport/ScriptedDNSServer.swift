import Foundation

/// A small DNS server on loopback for what dnsmasq does not do: answer each query only
/// after a delay, one at a time (a slow resolver); never answer at all; answer over UDP
/// "truncated" and then hold the TCP connection without a word; answer "truncated" over
/// TCP too; or lose the first query of each question. It also serves records of any size from a table. It listens on UDP and
/// TCP on one kernel-chosen port of 127.0.0.1, answers at most `limit` queries, and ends
/// by itself after `lifetime`; a test stops it (`defer { server.stop() }`) when done.
package final class ScriptedDNSServer: @unchecked Sendable {
    /// How the server behaves.
    package enum Behaviour {
        /// Answers every query (over UDP, or TCP when the answer does not fit), each after `delay`.
        case answer(delay: TimeInterval)
        /// Reads queries and never answers.
        case silent
        /// Answers UDP with the TC bit set and no records; accepts TCP and never answers there.
        case truncatedThenSilentTCP
        /// Answers with the records but the TC bit set, over UDP and TCP alike: a server
        /// (or a middlebox) that cuts the RRset and says so.
        case truncatedEverywhere
        /// Drops the first UDP query of each question (name and type) and answers the
        /// next ones at once: a path or resolver that loses a packet now and then.
        case dropsFirstQuery
    }

    private let behaviour: Behaviour
    private let zone: [String: [[UInt8]]]
    private let limit: Int
    private let udp: Int32
    private let tcp: Int32
    private let lock = NSLock()
    private var stopped = false
    private var held: [Int32] = []
    private var answeredCount = 0
    private var dropped: Set<String> = []
    private let finished = DispatchSemaphore(value: 0)
    /// The port, on 127.0.0.1, UDP and TCP.
    package let port: Int

    /// Serves `zone`: RDATA by `"TYPE name"` (type as a number, name lower case without the
    /// final dot, e.g. `"15 example.test"`). A name with no entry of any type is NXDOMAIN.
    package init(_ zone: [String: [[UInt8]]], behaviour: Behaviour, limit: Int = 2000, lifetime: TimeInterval = 120) throws {
        self.zone = zone
        self.behaviour = behaviour
        self.limit = limit
        var bound: (udp: Int32, tcp: Int32, port: Int)?
        for _ in 0..<20 where bound == nil { bound = Self.bindPair() }
        guard let bound else { throw Shell.Failure(description: "no free UDP+TCP port on 127.0.0.1") }
        (udp, tcp, port) = bound
        let end = Date().addingTimeInterval(lifetime)
        Thread.detachNewThread { [self] in serve(until: end) }
    }

    /// `--resolver`'s value for this server.
    package var address: String { "127.0.0.1:\(port)" }

    /// How many queries were answered.
    package var answered: Int { lock.withLock { answeredCount } }

    /// Stops serving and closes every socket (at once if the server already ended).
    package func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        finished.wait()
    }

    // MARK: Records

    /// An MX record's RDATA.
    package static func mx(_ preference: UInt16, _ target: String) -> [UInt8] {
        [UInt8(preference >> 8), UInt8(preference & 0xff)] + wire(target)
    }

    /// An A record's RDATA.
    package static func a(_ address: String) -> [UInt8] { address.split(separator: ".").map { UInt8($0)! } }

    /// A TLSA record's RDATA.
    package static func tlsa(_ record: TLSARecordBytes) -> [UInt8] { record.bytes }

    /// The RDATA of a TLSA record: usage, selector, matching type and data.
    package struct TLSARecordBytes {
        package let bytes: [UInt8]
        package init(_ usage: UInt8, _ selector: UInt8, _ matchingType: UInt8, _ data: [UInt8]) { bytes = [usage, selector, matchingType] + data }
    }

    /// `name` in wire format, uncompressed.
    package static func wire(_ name: String) -> [UInt8] {
        name.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    // MARK: Serving

    private static func bindPair() -> (Int32, Int32, Int)? {
        let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(udp, $0, length) == 0 && getsockname(udp, $0, &length) == 0 }
        }
        guard ok else { close(udp); return nil }
        let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var one: Int32 = 1
        setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(tcp, $0, length) == 0 && listen(tcp, 16) == 0 }
        }
        guard listening else { close(udp); close(tcp); return nil }
        return (udp, tcp, Int(UInt16(bigEndian: address.sin_port)))
    }

    private func serve(until end: Date) {
        defer {
            lock.withLock { (held + [udp, tcp]).forEach { close($0) } }
            finished.signal()
        }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < end, !lock.withLock({ stopped }), answered < limit {
            var polled = [pollfd(fd: udp, events: Int16(POLLIN), revents: 0), pollfd(fd: tcp, events: Int16(POLLIN), revents: 0)]
            guard poll(&polled, 2, 50) > 0 else { continue }
            if polled[0].revents != 0 {
                var peer = sockaddr_in()
                var peerLength = socklen_t(MemoryLayout<sockaddr_in>.size)
                let count = withUnsafeMutablePointer(to: &peer) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(udp, &buffer, buffer.count, 0, $0, &peerLength) }
                }
                guard count > 0, let reply = reply(to: Array(buffer[0..<count]), overTCP: false) else { continue }
                _ = withUnsafeMutablePointer(to: &peer) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(udp, reply, reply.count, 0, $0, peerLength) }
                }
            }
            if polled[1].revents != 0 {
                let connection = accept(tcp, nil, nil)
                guard connection >= 0 else { continue }
                if case .truncatedThenSilentTCP = behaviour { lock.withLock { held.append(connection) }; continue }
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if let query = Self.readFramed(connection), let reply = reply(to: query, overTCP: true) {
                    let framed = [UInt8(reply.count >> 8), UInt8(reply.count & 0xff)] + reply
                    _ = framed.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                }
                close(connection)
            }
        }
    }

    private static func readFramed(_ connection: Int32) -> [UInt8]? {
        func read(_ count: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: count)
            var offset = 0
            while offset < count {
                let got = bytes.withUnsafeMutableBytes { recv(connection, $0.baseAddress! + offset, count - offset, 0) }
                guard got > 0 else { return nil }
                offset += got
            }
            return bytes
        }
        guard let length = read(2) else { return nil }
        return read(Int(length[0]) << 8 | Int(length[1]))
    }

    /// The reply to `query`, or nil when the server says nothing.
    private func reply(to query: [UInt8], overTCP: Bool) -> [UInt8]? {
        guard query.count >= 12, let question = Self.question(query) else { return nil }
        let header = Array(query[0..<2])
        let questionBytes = Array(query[12..<question.end])
        switch behaviour {
        case .silent:
            return nil
        case .truncatedThenSilentTCP:
            lock.withLock { answeredCount += 1 }
            return header + [0x86, 0x80, 0, 1, 0, 0, 0, 0, 0, 0] + questionBytes
        case .answer(let delay):
            Thread.sleep(forTimeInterval: delay)
            return fitted(header: header, question: question, questionBytes: questionBytes, overTCP: overTCP)
        case .truncatedEverywhere:
            lock.withLock { answeredCount += 1 }
            return answer(header: header, question: question, questionBytes: questionBytes, truncated: true)
        case .dropsFirstQuery:
            let first = !overTCP && lock.withLock { dropped.insert("\(question.type) \(question.name)").inserted }
            if first { return nil }
            return fitted(header: header, question: question, questionBytes: questionBytes, overTCP: overTCP)
        }
    }

    /// The answer, counted; over UDP, "truncated" with no records when it does not fit the
    /// client's payload size.
    private func fitted(header: [UInt8], question: (name: String, type: Int, end: Int, payload: Int), questionBytes: [UInt8],
                        overTCP: Bool) -> [UInt8] {
        lock.withLock { answeredCount += 1 }
        let full = answer(header: header, question: question, questionBytes: questionBytes, truncated: false)
        if overTCP || full.count <= question.payload { return full }
        return header + [0x86, 0x80, 0, 1, 0, 0, 0, 0, 0, 0] + questionBytes
    }

    /// The records of the zone for `question`, or NXDOMAIN; with `truncated`, the TC bit set.
    private func answer(header: [UInt8], question: (name: String, type: Int, end: Int, payload: Int), questionBytes: [UInt8],
                        truncated: Bool) -> [UInt8] {
        let known = zone.keys.contains { $0.hasSuffix(" " + question.name) }
        let records = zone["\(question.type) \(question.name)"] ?? []
        var answers: [UInt8] = []
        for rdata in records {
            // The owner is a pointer to the question's name (offset 12).
            answers += [0xc0, 0x0c, UInt8(question.type >> 8), UInt8(question.type & 0xff), 0, 1, 0, 0, 0x01, 0x2c,
                        UInt8(rdata.count >> 8), UInt8(rdata.count & 0xff)] + rdata
        }
        let flags: [UInt8] = [truncated ? 0x86 : 0x84, known ? 0x80 : 0x83]
        let count = UInt16(records.count)
        return header + flags + [0, 1, UInt8(count >> 8), UInt8(count & 0xff), 0, 0, 0, 0] + questionBytes + answers
    }

    /// The question's name (lower case), type, where it ends, and the UDP payload the client takes.
    private static func question(_ query: [UInt8]) -> (name: String, type: Int, end: Int, payload: Int)? {
        var offset = 12
        var labels: [String] = []
        while offset < query.count, query[offset] != 0 {
            let length = Int(query[offset])
            guard length < 64, offset + 1 + length < query.count else { return nil }
            labels.append(String(decoding: query[(offset + 1)...(offset + length)], as: UTF8.self).lowercased())
            offset += 1 + length
        }
        guard offset + 5 <= query.count else { return nil }
        let type = Int(query[offset + 1]) << 8 | Int(query[offset + 2])
        let end = offset + 5
        var payload = 512
        // An OPT record (EDNS0) in the additional section gives the client's UDP size.
        let additional = Int(query[10]) << 8 | Int(query[11])
        if additional > 0, end + 5 <= query.count, query[end] == 0, query[end + 1] == 0, query[end + 2] == 41 {
            payload = max(512, Int(query[end + 3]) << 8 | Int(query[end + 4]))
        }
        return (labels.joined(separator: "."), type, end, payload)
    }
}
