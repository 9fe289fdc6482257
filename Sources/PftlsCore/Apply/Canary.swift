import FoundationEssentials
import Glibc

/// Postfix's TLS_README way of testing a new chain: before the live services change,
/// a temporary smtpd service gets the new files through `-o` overrides, Postfix
/// reloads, the service is probed (handshake, chain, fingerprint, EHLO after TLS), and
/// then it is removed again. A failure there changes nothing live.
///
/// The temporary service listens on a UNIX-domain socket in the queue's `private/`
/// directory, which only Postfix and root can enter: no local user can take its
/// address first (as with a loopback port, where the master then exits at reload), and
/// it needs no IPv4 or IPv6 address the instance may not have.
struct Canary {
    let plan: ChangePlan
    let processes: ProcessRunner
    let probe: ListenerProbing
    /// How long to wait for the canary to serve the new certificate.
    let deadline: TimeInterval
    /// What the served chain may end at.
    let trustStore: TrustStore
    /// The directories of the change, opened and checked (`DirectoryPins`): the copies go
    /// through them, never by a path someone could have re-pointed.
    var pins: DirectoryPins? = nil

    /// The master.cf service name of the temporary listener.
    static let serviceName = "pftls-canary"
    /// The comment line that opens the canary's master.cf entry.
    static let marker = "# pftls canary:"
    /// The prefix of the canary's copies of the new files, in the certificate directory.
    static let filePrefix = ".pftls-canary-"

    /// What the canary found, and the state it left Postfix in.
    struct Verdict {
        /// nil when the new certificate was served, else why not.
        let problem: String?
        /// How Postfix was brought back after the canary was removed.
        let postfix: PostfixRecovery.Outcome
    }

    /// The new files Postfix loads: the canary serves copies of them.
    private var copied: [PlannedFile] { plan.changedFiles.filter(CanaryOptions.copied) }

    /// True when there is something new to try: a key or a certificate changes.
    var applies: Bool { !copied.isEmpty && plan.leaf != nil }

    /// Runs the canary. Every trace of it (master.cf entry, files) is gone afterwards,
    /// whatever happened, and Postfix is running again (or the verdict says it is not).
    func run(say: (String) -> Void) -> Verdict {
        let masterPath = plan.configDirectory + "/master.cf"
        guard let original = FileManager.default.contents(atPath: masterPath).map(Array.init) else {
            return Verdict(problem: Catalog.text("canary.cannot-prepare", ["reason": Catalog.text("canary.master-unreadable", ["path": SafeText.escape(masterPath)])]),
                           postfix: .running)
        }
        let socket: String
        switch socketPath() {
        case .success(let path): socket = path
        case .failure(let problem): return Verdict(problem: Catalog.text("canary.cannot-prepare", ["reason": problem.reason]), postfix: .running)
        }
        var info = stat()
        lstat(masterPath, &info)
        let mode = mode_t(info.st_mode & 0o7777)
        let owner = (info.st_uid, info.st_gid)
        let writer = AtomicFileWriter(pins: pins)
        var copies: [String] = []
        var problem: String?
        do {
            var copyOf: [String: String] = [:]
            for file in copied {
                let (directory, name) = AtomicFileWriter.split(file.path)
                let copy = directory + "/" + Self.filePrefix + name
                try file.write(using: writer, to: copy, mode: 0o600, owner: getuid() == 0 ? (0, 0) : nil)
                copies.append(copy)
                copyOf[file.path] = copy
            }
            // Every pair the change serves, the new files' copies in their places.
            let settings = CanaryOptions(plan: plan)
            var options = settings.fileOptions(copyOf: copyOf)
            if let map = settings.sniMap(copyOf: copyOf, certificateDirectory: plan.answers.certificateDirectory, prefix: Self.filePrefix) {
                try writer.write(map.source, to: map.reference.name, mode: 0o600, owner: getuid() == 0 ? (0, 0) : nil)
                copies += [map.reference.name] + [SNIMapAudit.database(of: map.reference)].compactMap { $0 }
                if let problem = SNIMapRebuild(processes: processes, configDirectory: plan.configDirectory).rebuild(map.reference) {
                    throw CanaryProblem(reason: problem)
                }
                options.append("tls_server_sni_maps=" + map.reference.type + ":" + map.reference.name)
            }
            let base = Self.removingEntries(from: original) ?? original
            try writer.write(base + Array(Self.entry(options: options).utf8), to: masterPath, mode: mode, owner: owner)
            ConfigFileAge.dateBack([masterPath])
            problem = tryListener(socket: socket, say: say)
        } catch let failure as CanaryProblem {
            problem = Catalog.text("canary.cannot-prepare", ["reason": failure.reason])
        } catch {
            problem = Catalog.text("canary.cannot-prepare", ["reason": "\(error)"])
        }
        // Back to the master.cf there was, without the canary, and Postfix running on it.
        var cleanup: [String] = []
        do { try writer.write(original, to: masterPath, mode: mode, owner: owner) } catch { cleanup.append("\(error)") }
        ConfigFileAge.dateBack([masterPath])
        copies.forEach { unlink($0) }
        // A canary that passed is followed at once by the change, whose own reload and
        // probes check the master (a run that stops before that reload looks once:
        // `Applier.postfixAfterCanary`): only a refusal, where nothing follows, watches it stay up.
        let postfix = PostfixRecovery(processes: processes, configDirectory: plan.configDirectory, queueDirectory: plan.queueDirectory)
            .bringBack(confirming: problem != nil || !cleanup.isEmpty)
        if !cleanup.isEmpty {
            let left = Catalog.text("canary.not-removed", ["path": SafeText.escape(masterPath), "reason": cleanup.joined(separator: "; "),
                                                           "command": SafeText.escape(SuggestedCommand.postfix("reload", configDirectory: plan.configDirectory))])
            problem = [problem, left].compactMap { $0 }.joined(separator: " ")
        }
        return Verdict(problem: problem, postfix: postfix)
    }

    /// Reloads Postfix with the canary's entry and probes it until it serves the new
    /// leaf or the deadline passes; nil when it did.
    private func tryListener(socket: String, say: (String) -> Void) -> String? {
        guard plan.leaf != nil else { return nil }
        if let reload = PostfixCommand(processes: processes).run(plan.configDirectory, subcommand: "reload"), !reload.passed {
            return Catalog.text("canary.reload-failed", ["reason": SafeText.escape(reload.reason)])
        }
        say(Catalog.text("canary.trying-local", ["socket": SafeText.escape(socket)]))
        let end = Date().addingTimeInterval(deadline)
        // Each key type the change serves by default, with a client that accepts only that
        // type, then each changed SNI name the same way.
        let defaults = plan.proofsOrDefault.filter { $0.serverName == nil }
        let proofs = (defaults.isEmpty ? [plan.defaultProof] : defaults) + CanaryOptions(plan: plan).sniProofs
        for proof in proofs {
            if let problem = probeUntilServed(socket: socket, proof: proof, end: end) { return problem }
        }
        return nil
    }

    private func probeUntilServed(socket: String, proof: ServeProof, end: Date) -> String? {
        guard let leaf = proof.leaf else { return nil }
        let place = Catalog.text("canary.place") + proof.label
        var last: ProbeResult = .failed(reason: Catalog.text("canary.no-answer"))
        repeat {
            last = probe.probe(host: socket, port: 0, mode: .startTLS, serverName: proof.serverName, keyType: proof.keyType)
            if let served = last.chain, served.first?.isSame(as: leaf) == true {
                return ServedChain(trustStore: trustStore, privateCA: plan.answers.privateCA).finding(place: place, served: served, installed: proof.chain)?.message
            }
            if case .failed(_, answered: true, _) = last { break }
            // The master makes the socket moments after the reload: a local connect that
            // finds none costs nothing, so look again soon (a look every 300 ms cost most
            // renewals a third of a second).
            usleep(50_000)
        } while Date() < end
        switch last {
        case .served(let chain):
            return Catalog.text("canary.other-certificate", ["sha256": chain.first?.sha256FingerprintText ?? "?"])
        case .failed(let reason, _, _):
            return Catalog.text("canary.failed", ["reason": reason])
        }
    }

    /// Where the master creates the canary's socket: `private/` under the queue directory
    /// that Postfix itself reports for this instance.
    private func socketPath() -> Result<String, CanaryProblem> {
        guard let result = try? processes.run("postconf", ["-c", plan.configDirectory, "-h", "queue_directory"]), result.status == 0 else {
            return .failure(CanaryProblem(reason: Catalog.text("canary.no-queue-directory")))
        }
        let queue = result.output.trimmingWhitespace()
        guard queue.hasPrefix("/") else { return .failure(CanaryProblem(reason: Catalog.text("canary.no-queue-directory"))) }
        return .success(queue + "/private/" + Self.serviceName)
    }

    /// The master.cf lines of the temporary service: a private UNIX-domain socket, not
    /// chrooted, one process, the new files through `-o` overrides. The other file
    /// parameters are emptied so that only the new files are loaded.
    static func entry(options fileOptions: [String]) -> String {
        let named = Set(fileOptions.map { String($0.prefix { $0 != "=" }) })
        let cleared = ["smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file",
                       "smtpd_tls_eccert_file", "smtpd_tls_eckey_file"].filter { !named.contains($0) }.map { $0 + "=" }
        let options = ["syslog_name=postfix/pftls-canary", "smtpd_tls_security_level=may", "smtpd_tls_wrappermode=no"]
            + fileOptions + cleared
        return "\n" + marker + " a temporary listener for the new certificate; removed again at once\n"
            + serviceName + " unix - - n - 1 smtpd\n" + options.map { "  -o " + $0 + "\n" }.joined()
    }

    /// `master` without the canary entries a killed run left behind (the marker line,
    /// the blank line before it and the service with its continuation lines); nil when
    /// there are none.
    static func removingEntries(from master: [UInt8]) -> [UInt8]? {
        var lines = master.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let markerBytes = Array(marker.utf8)
        var found = false
        var index = 0
        while index < lines.count {
            guard lines[index].starts(with: markerBytes) else { index += 1; continue }
            found = true
            var end = index + 1
            if end < lines.count, let first = lines[end].first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t"), first != UInt8(ascii: "#") {
                end += 1
                while end < lines.count, let first = lines[end].first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { end += 1 }
            }
            let start = index > 0 && lines[index - 1].isEmpty ? index - 1 : index
            lines.removeSubrange(start..<end)
            index = start
        }
        guard found else { return nil }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    /// Removes the canary's file copies that a killed run left in `directory`; returns their
    /// names. Dovecot's copies go only with `dovecot`: a killed run's block in Dovecot's
    /// configuration may still name them, and Dovecot's next reload would fail without them.
    static func removeLeftoverFiles(in directory: String, dovecot: Bool = false) -> [String] {
        let names = (try? LocalFileSystem().contentsOfDirectory(directory)) ?? []
        return names.filter { name in
            name.hasPrefix(filePrefix) && (dovecot || !name.hasPrefix(DovecotCanary.filePrefix)) && unlink(directory + "/" + name) == 0
        }
    }
}

/// Why the canary could not be set up.
struct CanaryProblem: Error {
    let reason: String
}
