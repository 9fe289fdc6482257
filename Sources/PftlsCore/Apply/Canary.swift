import FoundationEssentials
import Glibc

/// Postfix's TLS_README way of testing a new chain: before the live services change,
/// a temporary loopback-only smtpd service on a free port gets the new files through
/// `-o` overrides, Postfix reloads, the service is probed (handshake, chain,
/// fingerprint, EHLO after TLS), and then it is removed again. A failure there
/// changes nothing live.
struct Canary {
    let plan: ChangePlan
    let processes: ProcessRunner
    let probe: ListenerProbing
    /// How long to wait for the canary to serve the new certificate.
    let deadline: TimeInterval

    /// The new key and certificate files, as the plan will install them.
    private var keyFiles: [PlannedFile] {
        plan.changedFiles.filter { $0.ownedByRoot && !$0.path.hasSuffix("-cafile.pem") && !$0.path.hasSuffix("-cafile-b.pem") }
    }

    /// True when there is something new to try: the key or a certificate changes.
    var applies: Bool { !keyFiles.isEmpty && plan.leaf != nil }

    /// Runs the canary; nil when it served the new certificate, else why not. Every
    /// trace of it (master.cf entry, files) is gone afterwards, whatever happened.
    func run(say: (String) -> Void) -> String? {
        guard let leaf = plan.leaf, let port = Self.freeLoopbackPort() else { return nil }
        let masterPath = plan.configDirectory + "/master.cf"
        guard let original = FileManager.default.contents(atPath: masterPath) else { return nil }
        var info = stat()
        lstat(masterPath, &info)
        let writer = AtomicFileWriter()
        var canaryFiles: [String: String] = [:]  // installed path -> canary copy
        defer {
            try? writer.write(Array(original), to: masterPath, mode: mode_t(info.st_mode & 0o7777), owner: (info.st_uid, info.st_gid))
            canaryFiles.values.forEach { unlink($0) }
            _ = PostfixCommand(processes: processes).run(plan.configDirectory, subcommand: "reload")
        }
        do {
            for file in keyFiles {
                let (directory, name) = AtomicFileWriter.split(file.path)
                let copy = directory + "/.pftls-canary-" + name
                try file.write(using: writer, to: copy, mode: 0o600, owner: getuid() == 0 ? (0, 0) : nil)
                canaryFiles[file.path] = copy
            }
            let entry = Self.entry(port: port, files: canaryFiles, layout: plan.layout)
            try writer.write(Array(original) + Array(entry.utf8), to: masterPath, mode: mode_t(info.st_mode & 0o7777), owner: (info.st_uid, info.st_gid))
            ConfigFileAge.dateBack([masterPath])
        } catch {
            return Catalog.text("canary.cannot-prepare", ["reason": "\(error)"])
        }
        if let reload = PostfixCommand(processes: processes).run(plan.configDirectory, subcommand: "reload"), !reload.passed {
            return Catalog.text("canary.reload-failed", ["reason": SafeText.escape(reload.reason)])
        }
        say(Catalog.text("canary.trying", ["port": "\(port)"]))
        let end = Date().addingTimeInterval(deadline)
        var last: ProbeResult = .failed(reason: Catalog.text("canary.no-answer"))
        repeat {
            last = probe.probe(host: "127.0.0.1", port: port, mode: .startTLS, serverName: nil)
            if let served = last.leaf, served.isSame(as: leaf) { return nil }
            if case .failed(_, answered: true) = last { break }
            usleep(300_000)
        } while Date() < end
        switch last {
        case .served(let chain):
            return Catalog.text("canary.other-certificate", ["sha256": chain.first?.sha256FingerprintText ?? "?"])
        case .failed(let reason, _):
            return Catalog.text("canary.failed", ["reason": reason])
        }
    }

    /// The master.cf lines of the temporary service: loopback only, not chrooted, the
    /// new files through `-o` overrides.
    static func entry(port: Int, files: [String: String], layout: Answers.Layout) -> String {
        let copies = files.sorted { $0.key < $1.key }.map(\.value)
        var options = ["syslog_name=postfix/pftls-canary", "smtpd_tls_security_level=may"]
        switch layout {
        case .chainFile:
            options += ["smtpd_tls_chain_files=" + copies.joined(separator: ","), "smtpd_tls_cert_file=", "smtpd_tls_key_file="]
        case .separateFiles:
            let key = files.first { $0.key.contains("smtpd-key") }?.value ?? ""
            let certificate = files.first { $0.key.contains("smtpd-cert") }?.value ?? ""
            options += ["smtpd_tls_chain_files=", "smtpd_tls_cert_file=" + certificate, "smtpd_tls_key_file=" + key]
        }
        return "\n# pftls canary: a temporary listener for the new certificate; removed again at once\n"
            + "127.0.0.1:\(port) inet n - n - 1 smtpd\n" + options.map { "  -o " + $0 + "\n" }.joined()
    }

    /// A loopback port nothing listens on right now.
    static func freeLoopbackPort() -> Int? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
